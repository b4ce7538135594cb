import { expect, test, type Page } from '@playwright/test';

/** Opens search results one by one until a product that can be bought (about 8% are sold out). */
async function openBuyableProduct(page: Page, query: string) {
  for (let i = 0; i < 8; i++) {
    await page.goto(`/search?q=${encodeURIComponent(query)}`);
    const results = page.getByRole('list', { name: 'Search results' }).getByRole('listitem');
    await expect(results.first()).toBeVisible();
    await results.nth(i).getByRole('link').first().click();
    await expect(page).toHaveURL(/\/p\//);
    const add = page.getByRole('button', { name: /Add to cart|Sold out/ });
    await expect(add).toBeVisible();
    if (await add.isEnabled()) return;
  }
  throw new Error(`no buyable product among the first results for ${query}`);
}

test('a shopper searches, adds a product to the cart and checks out with the test card', async ({ page }) => {
  await openBuyableProduct(page, 'table lamp');
  const title = (await page.getByRole('heading', { level: 1 }).textContent())!.trim();

  await page.getByRole('button', { name: 'Add to cart' }).click();
  await expect(page.getByText('Added to your cart.')).toBeVisible();
  await expect(page.getByRole('link', { name: 'Cart, 1 item' })).toBeVisible();

  await page.getByRole('link', { name: /View cart/ }).click();
  await expect(page).toHaveURL(/\/cart$/);
  await expect(page.getByRole('link', { name: title })).toBeVisible();
  await expect(page.getByText('Total', { exact: true })).toBeVisible();

  await page.getByRole('link', { name: 'Checkout' }).click();
  await expect(page).toHaveURL(/\/checkout$/);
  await expect(page.getByText('4242 4242 4242 4242', { exact: true })).toBeVisible();

  // A malformed email is refused in the form, naming the field; nothing is placed.
  await page.getByLabel('Email').fill('ada@');
  await page.getByRole('button', { name: /Place order/ }).click();
  await expect(page.getByText('email must be a valid email address')).toBeVisible();

  await page.getByLabel('Email').fill('ada@example.com');
  await page.getByLabel('Full name').fill('Ada Lovelace');
  await page.getByLabel('Street address').fill('12 Market Street');
  await page.getByLabel('City').fill('San Francisco');
  await page.getByLabel('State / region (optional)').fill('CA');
  await page.getByLabel('Postal code').fill('94105');
  await page.getByLabel('Card number').fill('4242 4242 4242 4242');
  await page.getByRole('button', { name: /Place order/ }).click();

  await expect(page).toHaveURL(/\/orders\/ord_[0-9A-Z]{26}$/);
  await expect(page.getByRole('heading', { name: 'Thank you for your order' })).toBeVisible();
  await expect(page.getByTestId('order-status')).toHaveText('Confirmed');
  await expect(page.getByText(title).first()).toBeVisible();
  await expect(page.getByText('Visa ending 4242', { exact: false })).toBeVisible();
  await expect(page.getByRole('link', { name: 'Cart, 0 items' })).toBeVisible();
});
