// The held-order journey: a merchant's risk policy sends orders shipping to Canada to a
// person; a shopper's order lands in the review queue instead of being charged; approving it
// resumes the exception flow, which captures the payment, and the shopper sees it paid.
import type { Page } from '@playwright/test';
import { expect, test } from './console-fixture';

async function openBuyableProduct(page: Page, query: string) {
  for (let i = 0; i < 8; i++) {
    await page.goto(`/search?q=${encodeURIComponent(query)}`);
    const results = page.getByRole('list', { name: 'Search results' }).getByRole('listitem');
    await expect(results.first()).toBeVisible();
    await results.nth(i).getByRole('link').first().click();
    const add = page.getByRole('button', { name: /Add to cart|Sold out/ });
    await expect(add).toBeVisible();
    if (await add.isEnabled()) return;
  }
  throw new Error(`no buyable product among the first results for ${query}`);
}

test('an order the risk policy holds is reviewed in the console and completed on approval', async ({ page }) => {
  test.setTimeout(90_000);
  // 1. The merchant publishes a risk policy: always review orders shipping to Canada.
  await page.goto('/console/policies');
  const risk = page.getByRole('region', { name: 'Risk policy' });
  await risk.getByLabel('Always review').fill('CA');
  await risk.getByRole('button', { name: 'Publish' }).click();
  await expect(risk.getByRole('status')).toHaveText(/Published v\d+/);

  // 2. A shopper buys a lamp and ships it to Toronto.
  await openBuyableProduct(page, 'desk lamp');
  await page.getByRole('button', { name: 'Add to cart' }).click();
  await expect(page.getByText('Added to your cart.')).toBeVisible();
  await page.goto('/checkout');
  await page.getByLabel('Email').fill('grace@example.com');
  await page.getByLabel('Full name').fill('Grace Hopper');
  await page.getByLabel('Street address').fill('100 Queen Street West');
  await page.getByLabel('City').fill('Toronto');
  await page.getByLabel('State / region (optional)').fill('ON');
  await page.getByLabel('Postal code').fill('M5H 2N2');
  await page.getByLabel('Country (2-letter code)').fill('CA');
  await page.getByLabel('Card number').fill('5555 5555 5555 4444');
  await page.getByRole('button', { name: /Place order/ }).click();
  await expect(page).toHaveURL(/\/orders\/ord_[0-9A-Z]{26}$/);
  const orderId = page.url().split('/').pop()!;
  await expect(page.getByTestId('order-status')).toHaveText('Being reviewed');

  // 3. It waits in the console's review queue with the policy's reason; a reviewer approves.
  await page.goto('/console/reviews');
  const item = page.getByRole('listitem', { name: `Review ${orderId}` });
  await expect(item).toBeVisible({ timeout: 20_000 });
  await expect(item).toContainText(/CA/);
  await item.getByLabel('Decision note').fill('Known customer, address verified');
  await item.getByRole('button', { name: 'Approve' }).click();
  await expect(item).toBeHidden();

  // 4. The flow resumes: payment captured, order paid, with the whole story on its timeline.
  await page.goto(`/console/orders/${orderId}`);
  const timeline = page.getByRole('list', { name: 'Order timeline' });
  await expect(timeline).toContainText('paid', { timeout: 20_000 });
  await expect(page.getByText(/Review approved/)).toBeVisible();
  await page.goto(`/orders/${orderId}`);
  await expect(page.getByTestId('order-status')).toHaveText('Paid');

  // 5. Put the policy back so other journeys ship to Canada unreviewed.
  await page.goto('/console/policies');
  await risk.getByLabel('Always review').fill('');
  await risk.getByRole('button', { name: 'Publish' }).click();
  await expect(risk.getByRole('status')).toHaveText(/Published v\d+/);
});
