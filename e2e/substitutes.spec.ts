// A line that sells out while it sits in a cart offers in-stock alternatives instead of a
// dead end. The merchant sets the product's stock to 0 in Console → Catalog, then restores it.
import { expect, test } from './console-fixture';

type Hit = { productId: string; slug: string; title: string; inStock: boolean };

test('a cart line that sold out offers in-stock alternatives', async ({ page }) => {
  test.setTimeout(90_000);
  const res = await page.request.get('/api/v1/search?q=armchair&pageSize=20');
  expect(res.ok()).toBe(true);
  const hit = ((await res.json()) as { items: Hit[] }).items.find((h) => h.inStock)!;
  expect(hit, 'an armchair in stock').toBeDefined();

  // The shopper puts it in the cart.
  await page.goto(`/p/${hit.slug}`);
  const title = ((await page.getByRole('heading', { level: 1 }).textContent()) ?? '').trim();
  await page.getByRole('button', { name: 'Add to cart' }).click();
  await expect(page.getByText('Added to your cart.')).toBeVisible();

  // Meanwhile it sells out.
  await page.goto(`/console/catalog/${hit.productId}`);
  const stock = page.getByLabel('Stock on hand');
  const before = await stock.inputValue();
  await stock.fill('0');
  await page.getByRole('button', { name: 'Save changes' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Saved.' })).toBeVisible();

  try {
    await page.goto('/cart');
    await expect(page.getByRole('link', { name: title })).toBeVisible();
    await expect(page.getByText('Out of stock')).toBeVisible();
    const alternatives = page.getByLabel(`In-stock alternatives to ${title}`);
    await expect(alternatives.getByText('In stock instead:')).toBeVisible({ timeout: 15_000 });
    const links = alternatives.getByRole('link');
    expect(await links.count()).toBeGreaterThan(0);
    await links.first().click();
    await expect(page).toHaveURL(/\/p\//);
    await expect(page.getByRole('button', { name: 'Add to cart' })).toBeEnabled();
  } finally {
    // Later journeys expect the seeded store.
    await page.goto(`/console/catalog/${hit.productId}`);
    await page.getByLabel('Stock on hand').fill(before);
    await page.getByRole('button', { name: 'Save changes' }).click();
    await expect(page.getByRole('status').filter({ hasText: 'Saved.' })).toBeVisible();
  }
});
