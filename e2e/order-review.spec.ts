// The held-order journey: a merchant's risk policy sends orders shipping to Canada to a
// person; a shopper's order lands in the review queue instead of being charged; approving it
// resumes the exception flow, which captures the payment, and the shopper sees it paid.
import { expect, test } from './console-fixture';
import { asFreshShopper, openBuyableProduct, placeOrder } from './shop';

test('an order the risk policy holds is reviewed in the console and completed on approval', async ({ page }) => {
  test.setTimeout(120_000);
  await asFreshShopper(page);
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
  await placeOrder(page, {
    email: 'grace@example.com',
    name: 'Grace Hopper',
    line1: '100 Queen Street West',
    city: 'Toronto',
    region: 'ON',
    postalCode: 'M5H 2N2',
    country: 'CA',
    card: '5555 5555 5555 4444',
  });
  const orderId = page.url().split('/').pop()!;
  await expect(page.getByTestId('order-status')).toHaveText('Being reviewed');

  // 3. It waits in the console's review queue with the policy's reason; a reviewer approves.
  await page.goto('/console/reviews');
  const item = page.getByRole('listitem', { name: `Review ${orderId}` });
  // The exception flow queues it in the background, behind whatever the runner is doing.
  await expect(item).toBeVisible({ timeout: 60_000 });
  await expect(item).toContainText(/CA/);
  // Queue health and the SLA clock are on the page; the reviewer takes the item.
  await expect(page.getByLabel('Queue health')).toContainText('Queue depth');
  await expect(item).toContainText(/waiting \d+ min · unassigned/);
  await item.getByRole('button', { name: 'Assign to me' }).click();
  await expect(item).toContainText('assigned to you');
  if (process.env.E2E_SCREENSHOTS)
    await page.screenshot({ path: `${process.env.E2E_SCREENSHOTS}/reviews.png`, fullPage: true });
  await item.getByLabel('Decision note').fill('Known customer, address verified');
  await item.getByRole('button', { name: 'Approve' }).click();
  await expect(item).toBeHidden();

  // 4. The flow resumes: payment captured, order paid, with the whole story on its timeline.
  //    The runner resumes it in the background (slower when the machine is busy), so the page
  //    is reloaded until the timeline shows it.
  const timeline = page.getByRole('list', { name: 'Order timeline' });
  await expect(async () => {
    await page.goto(`/console/orders/${orderId}`);
    await expect(timeline).toContainText('paid', { timeout: 3_000 });
  }).toPass({ timeout: 60_000 });
  await expect(page.getByText(/Review approved/)).toBeVisible();
  await page.goto(`/orders/${orderId}`);
  await expect(page.getByTestId('order-status')).toHaveText('Paid');

  // 5. Put the policy back so other journeys ship to Canada unreviewed.
  await page.goto('/console/policies');
  await risk.getByLabel('Always review').fill('');
  await risk.getByRole('button', { name: 'Publish' }).click();
  await expect(risk.getByRole('status')).toHaveText(/Published v\d+/);
});
