// The partial-refund journey (ADR 026): a shopper buys two different items; the merchant
// refunds one line with a reason from Console → Orders, sees it listed with what is left; a
// refund larger than what is left is refused and nothing changes; the shopper's order page
// shows the refunded total; refunding the rest makes the order `refunded`.
import { expect, test } from './console-fixture';
import type { Locator, Page } from '@playwright/test';
import { deriveStock } from '@/server/modules/catalog/derive-pricing';
import type { CatalogItem } from '@/server/modules/recommendations/algorithms';
import { loadSeedCatalogItems } from '@/server/modules/recommendations/eval/seed-catalog';
import { humanEmail } from '@/server/modules/checkout/test-shoppers';
import { asFreshShopper, placeOrder } from './shop';

/** "$1,234.56" (or "−$1.00") as the pages show it → cents. */
function cents(text: string): number {
  const m = /(−|-)?\$([\d,]+)\.(\d{2})/.exec(text);
  if (!m) throw new Error(`not an amount: ${text}`);
  return (m[1] ? -1 : 1) * (Number(m[2]!.replaceAll(',', '')) * 100 + Number(m[3]));
}
const dollars = (c: number) => `$${(c / 100).toLocaleString('en-US', { minimumFractionDigits: 2 })}`;
const amountOf = async (l: Locator) => cents((await l.textContent()) ?? '');

// Two modestly priced items with stock to spare, from classes no other journey buys.
const seed = loadSeedCatalogItems();
const [clock, platter] = ['Wall Clocks', 'Serving Dishes & Platters'].map((cls) => {
  const item = seed.find((p) => p.classKey === cls && deriveStock(p.id) >= 5 && p.priceCents >= 1_000 && p.priceCents <= 15_000);
  if (!item) throw new Error(`no ${cls} in the seed catalog to buy`);
  return item;
}) as [CatalogItem, CatalogItem];

/** Opens the product's page and adds one to the cart. */
async function addToCart(page: Page, item: CatalogItem) {
  await page.goto(`/p/${item.slug}`);
  await expect(page.getByRole('heading', { level: 1, name: item.title })).toBeVisible();
  await page.getByRole('button', { name: 'Add to cart' }).click();
  await expect(page.getByText('Added to your cart.')).toBeVisible();
}

test('a paid order is refunded in part from the console, refused past what is left, then refunded in full', async ({ page }) => {
  test.setTimeout(90_000);
  const { card } = await asFreshShopper(page);

  // 1. A shopper buys two different items with the approving test card.
  await addToCart(page, clock);
  await addToCart(page, platter);
  await page.goto('/checkout');
  await placeOrder(page, {
    email: humanEmail('rita'),
    name: 'Rita Refund',
    line1: '1 Harbor Way',
    city: 'Seattle',
    region: 'WA',
    postalCode: '98101',
    card,
  });
  const orderId = page.url().split('/').pop()!;

  // 2. The exception flow captures an accepted order in the background; an order the risk
  //    model sends to a person is approved from the review queue first.
  const consoleOrder = `/console/orders/${orderId}`;
  await page.goto(consoleOrder);
  const badge = page.getByRole('heading', { name: new RegExp(orderId) });
  await expect(badge).toContainText(/paid|in review/, { timeout: 30_000 });
  if (/in review/.test((await badge.textContent()) ?? '')) {
    await page.goto('/console/reviews');
    const item = page.getByRole('listitem', { name: `Review ${orderId}` });
    await expect(item).toBeVisible({ timeout: 30_000 });
    await item.getByLabel('Decision note').fill('Refund journey: approve');
    await item.getByRole('button', { name: 'Approve' }).click();
    await expect(item).toBeHidden();
    await page.goto(consoleOrder);
  }
  await expect(badge).toContainText('paid', { timeout: 30_000 });
  // The flow ends after `paid` (a held order's apology refund comes last): wait for the run to
  // finish, then read fresh totals.
  const flow = page.getByRole('list', { name: 'Order runs' }).getByRole('listitem').filter({ hasText: 'process-order' });
  await expect(flow).toContainText('completed', { timeout: 30_000 });
  await page.reload();

  // What was paid, as the console shows it.
  const totals = page.locator('dl').filter({ hasText: 'Subtotal' });
  const subtotal = await amountOf(totals.locator('xpath=dt[normalize-space()="Subtotal"]/following-sibling::dd[1]'));
  const shipping = await amountOf(totals.locator('xpath=dt[normalize-space()="Shipping"]/following-sibling::dd[1]'));
  const total = await amountOf(totals.locator('xpath=dt[normalize-space()="Total"]/following-sibling::dd[1]'));
  const line = page.getByRole('table', { name: 'Order lines' }).getByRole('row').filter({ hasText: clock.title });
  const sku = (await line.locator('td').nth(1).textContent())!.trim();
  const [qtyText, unitText] = (await line.locator('td').nth(2).textContent())!.split('×');
  const quantity = Number(qtyText!.trim());
  const unit = cents(unitText!);
  const refunded = page.getByTestId('refunded-total');
  const remaining = page.getByTestId('remaining-total');
  await expect(page.getByText('No refunds yet.')).toBeVisible();
  const captured = await amountOf(page.getByLabel('Refund totals').locator('xpath=dt[normalize-space()="Captured"]/following-sibling::dd[1]'));
  expect(captured).toBe(total);
  // A held order may have been given an apology (a refund outside the ledger) when approved.
  const apology = await amountOf(refunded);
  await expect(remaining).toHaveText(dollars(total - apology));

  // 3. Refund the first item's line with a reason: its share of what was paid (tax, any
  //    discount and any apology spread by subtotal, ADR 026).
  const lineRefund = Math.round(((total - shipping - apology) * unit * quantity) / subtotal);
  const dialog = page.getByRole('dialog', { name: 'Refund order' });
  await page.getByRole('button', { name: 'Refund…' }).click();
  await expect(dialog).toContainText(`Up to ${dollars(total - apology)} left to refund.`);
  await dialog.getByRole('radio', { name: 'Items' }).check();
  await dialog.getByLabel(`Quantity of ${sku} to refund`).fill(String(quantity));
  await dialog.getByLabel('Reason').fill('Arrived scratched');
  await dialog.getByRole('button', { name: 'Refund', exact: true }).click();
  await expect(dialog).toBeHidden();
  await expect(page.getByRole('status').filter({ hasText: 'Refunded' })).toHaveText(`Refunded ${dollars(lineRefund)}.`);
  const list = page.getByRole('list', { name: 'Refunds' });
  await expect(list.getByRole('listitem')).toHaveCount(1);
  const item = list.getByRole('listitem').first();
  await expect(item).toContainText(dollars(lineRefund));
  await expect(item).toContainText('succeeded');
  await expect(item).toContainText(`${quantity} × ${sku}`);
  await expect(item).toContainText('“Arrived scratched”');
  await expect(refunded).toHaveText(dollars(apology + lineRefund));
  await expect(remaining).toHaveText(dollars(total - apology - lineRefund));
  await expect(badge).toContainText('paid');
  await expect(page.getByRole('list', { name: 'Order timeline' })).toContainText('order.refunded_partially');
  await photograph(page, 'console-order-partially-refunded');

  // 4. More than is left is refused with a clear message, and nothing is refunded.
  const left = total - apology - lineRefund;
  await page.getByRole('button', { name: 'Refund…' }).click();
  await expect(dialog).toContainText(`Up to ${dollars(left)} left to refund.`);
  await dialog.getByRole('radio', { name: 'Amount' }).check();
  await dialog.getByLabel('Amount (USD)').fill(((left + 1) / 100).toFixed(2));
  await dialog.getByLabel('Reason').fill('Goodwill');
  await dialog.getByRole('button', { name: 'Refund', exact: true }).click();
  // Beside the amount, in money, not the API's field name and cents.
  await expect(dialog.getByRole('alert')).toHaveText(`${dollars(left + 1)} is more than the ${dollars(left)} left to refund`);
  await expect(dialog.getByLabel('Amount (USD)')).toHaveAttribute('aria-invalid', 'true');
  await photograph(page, 'console-refund-refused');
  await dialog.getByRole('button', { name: 'Cancel' }).click();
  await expect(dialog).toBeHidden();
  await page.reload();
  await expect(list.getByRole('listitem')).toHaveCount(1);
  await expect(refunded).toHaveText(dollars(apology + lineRefund));
  await expect(remaining).toHaveText(dollars(left));

  // 5. The shopper's order page shows the refund and the new totals (same browser: the
  //    shopper's session placed the order).
  await page.goto(`/orders/${orderId}`);
  await expect(page.getByTestId('order-status')).toHaveText('Paid');
  await expect(page.getByTestId('order-refunded')).toHaveText(`−${dollars(apology + lineRefund)}`);
  await expect(page.getByTestId('order-remaining')).toHaveText(dollars(left));
  await expect(page.getByText(/Partially refunded/)).toBeVisible();
  await photograph(page, 'shopper-order-partially-refunded');

  // 6. Refunding exactly what is left makes the order refunded; nothing more can be refunded.
  await page.goto(consoleOrder);
  await page.getByRole('button', { name: 'Refund…' }).click();
  await dialog.getByLabel('Amount (USD)').fill((left / 100).toFixed(2));
  await dialog.getByLabel('Reason').fill('Customer returned the rest');
  await dialog.getByRole('button', { name: 'Refund', exact: true }).click();
  await expect(dialog).toBeHidden();
  await expect(list.getByRole('listitem')).toHaveCount(2);
  await expect(refunded).toHaveText(dollars(total));
  await expect(remaining).toHaveText('$0.00');
  await expect(badge).toContainText('refunded');
  await expect(page.getByRole('button', { name: 'Refund…' })).toHaveCount(0);
  await page.goto(`/orders/${orderId}`);
  await expect(page.getByTestId('order-status')).toHaveText('Refunded');
  await expect(page.getByTestId('order-refunded')).toHaveText(`−${dollars(total)}`);
  await expect(page.getByTestId('order-remaining')).toHaveText('$0.00');
});

/** With E2E_SCREENSHOTS=<dir>, a picture of the page for people (the console tour's folder). */
async function photograph(page: Page, name: string) {
  const dir = process.env.E2E_SCREENSHOTS;
  if (dir) await page.screenshot({ path: `${dir}/${name}.png`, fullPage: true });
}
