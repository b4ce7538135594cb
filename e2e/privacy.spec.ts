// The privacy journey: a shopper's order is held by an automatic check; the order page says
// why in plain words and the shopper asks for a human review; the merchant exports the
// shopper's data from Console → Privacy, then erases it, and the order page no longer shows it.
import { expect as baseExpect, test } from './console-fixture';
import { asFreshShopper } from './shop';

// Every step runs against a production build sharing two cores with other work: wait longer.
const expect = baseExpect.configure({ timeout: 30_000 });

const EMAIL = 'ada.privacy@example.com';

test('a held order explains itself, and a shopper is exported and erased from the console', async ({ page }) => {
  test.setTimeout(240_000);
  const shopper = await asFreshShopper(page);
  await page.goto('/console/policies');
  const risk = page.getByRole('region', { name: 'Risk policy' });
  await risk.getByLabel('Always review').fill('FR');
  await risk.getByRole('button', { name: 'Publish' }).click();
  await expect(risk.getByRole('status')).toHaveText(/Published v\d+/);

  try {
    // A shopper buys the first lamp in stock and ships it to Paris.
    for (let i = 0; ; i++) {
      await page.goto('/search?q=table%20lamp');
      await page.getByRole('list', { name: 'Search results' }).getByRole('listitem').nth(i).getByRole('link').first().click();
      await expect(page).toHaveURL(/\/p\//);
      const add = page.getByRole('button', { name: /Add to cart|Sold out/ });
      await expect(add).toBeVisible();
      if (await add.isEnabled()) break;
      if (i > 6) throw new Error('no lamp in stock');
    }
    await page.getByRole('button', { name: 'Add to cart' }).click();
    await expect(page.getByText('Added to your cart.')).toBeVisible();
    await page.goto('/checkout');
    await expect(page.getByRole('button', { name: /Place order · \$[1-9]/ })).toBeEnabled();
    await page.getByLabel('Email').fill(EMAIL);
    await page.getByLabel('Full name').fill('Ada Privacy');
    await page.getByLabel('Street address').fill('8 Rue de Rivoli');
    await page.getByLabel('City').fill('Paris');
    await page.getByLabel('Postal code').fill('75001');
    await page.getByLabel('Country (2-letter code)').fill('FR');
    await page.getByLabel('Card number').fill(shopper.card);
    await page.getByRole('button', { name: /Place order/ }).click();
    await expect(page).toHaveURL(/\/orders\/ord_[0-9A-Z]{26}$/);
    const orderId = page.url().split('/').pop()!;

    // The order page explains the automatic decision without scores, and offers a person.
    const why = page.getByTestId('decision-explanation');
    await expect(why).toContainText('Your order is waiting for a check by our team');
    await expect(why).toContainText('Orders shipping to this country are checked by a person.');
    await expect(why).not.toContainText(/score|threshold/i);
    await expect(page.getByRole('button', { name: 'Request a human review' })).toBeVisible();
    await page.getByRole('button', { name: 'Request a human review' }).click();
    await expect(why.getByRole('status')).toContainText('A member of our team will review this decision');
    if (process.env.E2E_SCREENSHOTS) {
      await page.evaluate(() => window.scrollTo(0, 0));
      await page.screenshot({ path: 'docs/screenshots/privacy-order-explanation.png', fullPage: true });
    }

    // Console → Privacy: export the shopper's data…
    await page.goto('/console/privacy');
    const form = page.getByRole('form', { name: 'New privacy request' });
    await form.getByLabel('Shopper email').fill(EMAIL);
    await form.getByLabel('Ticket or reason').fill('DSAR-1042');
    await form.getByRole('button', { name: 'Start export' }).click();
    await expect(form.getByRole('status')).toContainText('Request recorded');
    const exportRow = page.getByRole('listitem', { name: /Privacy request prq_/ }).first();
    await expect(exportRow).toContainText('completed');
    await expect(exportRow.getByRole('link', { name: 'Download JSON' })).toBeVisible();
    const href = await exportRow.getByRole('link', { name: 'Download JSON' }).getAttribute('href');
    const bundle = await (await page.request.get(href!)).json();
    expect(bundle.orders[0]).toMatchObject({ id: orderId, email: EMAIL });

    // …then erase them (typed confirmation), and watch every table step complete.
    await form.getByLabel('Request').selectOption('erase');
    await form.getByLabel('Shopper email').fill(EMAIL);
    await form.getByLabel('Confirm email').fill(EMAIL);
    await form.getByRole('button', { name: 'Erase everywhere' }).click();
    const eraseRow = page.getByRole('listitem', { name: /Privacy request prq_/ }).first();
    await expect(eraseRow).toContainText('Erasure');
    await expect(eraseRow).toContainText('completed');
    await expect(eraseRow.getByRole('progressbar')).toHaveAttribute('aria-valuenow', '100');
    await page.getByText(/^Data map \(\d+ entries\)$/).click();
    await expect(page.getByRole('table', { name: 'Data map' })).toContainText('orders.email');
    if (process.env.E2E_SCREENSHOTS) {
      await page.evaluate(() => window.scrollTo(0, 0));
      await page.screenshot({ path: 'docs/screenshots/console-privacy.png', fullPage: true });
    }

    // The order keeps its amounts for the books, but no longer names the shopper.
    await page.goto(`/console/orders/${orderId}`);
    await expect(page.getByText('erased@invalid').first()).toBeVisible();
    await expect(page.getByText(EMAIL)).toHaveCount(0);
  } finally {
    await page.goto('/console/policies');
    await risk.getByLabel('Always review').fill('');
    await risk.getByRole('button', { name: 'Publish' }).click();
    await expect(risk.getByRole('status')).toHaveText(/Published v\d+/);
  }
});
