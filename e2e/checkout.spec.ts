import { expect, test } from '@playwright/test';
import { openBuyableProduct, placeOrder } from './shop';

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

  await placeOrder(page, {
    email: 'ada@example.com',
    name: 'Ada Lovelace',
    line1: '12 Market Street',
    city: 'San Francisco',
    region: 'CA',
    postalCode: '94105',
    card: '4242 4242 4242 4242',
  });
  await expect(page.getByRole('heading', { name: 'Thank you for your order' })).toBeVisible();
  await expect(page.getByTestId('order-status')).toHaveText('Confirmed');
  await expect(page.getByText(title).first()).toBeVisible();
  await expect(page.getByText('Visa ending 4242', { exact: false })).toBeVisible();
  await expect(page.getByRole('link', { name: 'Cart, 0 items' })).toBeVisible();
});
