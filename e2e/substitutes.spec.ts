import { expect, test } from '@playwright/test';

type Hit = { slug: string; inStock: boolean };

test('a cart line that sold out offers in-stock alternatives', async ({ page, baseURL }) => {
  // A sold-out product (about 8% of the seeded catalog is out of stock).
  let soldOut: Hit | undefined;
  for (const q of ['sofa', 'chair', 'lamp', 'table', 'rug', 'bed']) {
    const res = await page.request.get(`/api/v1/search?q=${q}&pageSize=60`);
    expect(res.ok()).toBe(true);
    const body = (await res.json()) as { items: Hit[] };
    soldOut = body.items.find((h) => !h.inStock);
    if (soldOut) break;
  }
  expect(soldOut, 'a sold-out product in the seeded catalog').toBeDefined();

  await page.goto(`/p/${soldOut!.slug}`);
  await expect(page.getByRole('button', { name: 'Sold out' })).toBeDisabled();
  const sku = ((await page.getByText(/^SKU /).first().textContent()) ?? '').replace(/^SKU /, '').trim();
  const title = ((await page.getByRole('heading', { level: 1 }).textContent()) ?? '').trim();

  // It was in the cart before it sold out: put it there the way an earlier visit would have.
  const add = await page.request.post('/api/trpc/cart.add', {
    data: { json: { sku, quantity: 1 } },
    headers: { origin: baseURL! },
  });
  expect(add.ok()).toBe(true);

  await page.goto('/cart');
  await expect(page.getByRole('link', { name: title })).toBeVisible();
  await expect(page.getByText('Out of stock')).toBeVisible();
  const alternatives = page.getByLabel(`In-stock alternatives to ${title}`);
  await expect(alternatives.getByText('In stock instead:')).toBeVisible();
  const links = alternatives.getByRole('link');
  expect(await links.count()).toBeGreaterThan(0);
  await links.first().click();
  await expect(page).toHaveURL(/\/p\//);
  await expect(page.getByRole('button', { name: 'Add to cart' })).toBeEnabled();
});
