// Support refunds part of a paid order in the console; the shopper's order page shows what
// was refunded and what remains.
import { expect, test } from './console-fixture';
import { asFreshShopper, openBuyableProduct, placeOrder } from './shop';

test('console refunds part of a paid order and the order page shows the remaining amount', async ({ page }) => {
  const { card } = await asFreshShopper(page);
  await openBuyableProduct(page, 'table lamp');
  await page.getByRole('button', { name: 'Add to cart' }).click();
  await expect(page.getByText('Added to your cart.')).toBeVisible();
  await page.goto('/checkout');
  await placeOrder(page, { email: `refund-${Date.now()}@example.com`, name: 'Rita Fund', line1: '1 Main Street', city: 'Austin', region: 'TX', postalCode: '73301', card });
  const orderUrl = new URL(page.url()).pathname;
  const orderId = orderUrl.split('/').pop()!;
  // The exception flow captures the payment in the background.
  await expect(async () => {
    await page.reload();
    await expect(page.getByTestId('order-status')).toHaveText('Paid', { timeout: 1_000 });
  }).toPass({ timeout: 30_000, intervals: [500, 1_000] });

  await page.goto(`/console/orders/${orderId}`);
  await page.getByRole('button', { name: 'Refund…' }).click();
  const dialog = page.getByRole('dialog', { name: 'Refund order' });
  await dialog.getByLabel(/^Amount/).fill('5.00');
  await dialog.getByLabel('Reason').fill('scuffed base');
  await dialog.getByRole('button', { name: 'Refund', exact: true }).click();
  await expect(page.getByText(/Refunded 5\.00 USD/)).toBeVisible();
  await expect(page.getByTestId('refunded-total')).toHaveText('$5.00');
  await expect(page.getByRole('list', { name: 'Refunds' })).toContainText('scuffed base');

  await page.goto(orderUrl);
  await expect(page.getByTestId('order-status')).toHaveText('Paid');
  await expect(page.getByTestId('order-refunded')).toContainText('$5.00');
  await expect(page.getByTestId('order-remaining')).toBeVisible();
});
