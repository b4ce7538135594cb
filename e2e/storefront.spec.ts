import { expect, test } from '@playwright/test';
import { seedTitles } from './fixtures';

test('a shopper browses real products, filters by category and opens a product', async ({ page }) => {
  const titles = seedTitles();
  await page.goto('/');
  await expect(page.getByRole('heading', { level: 1, name: 'Everything for the home' })).toBeVisible();

  const products = page.getByRole('list', { name: 'Products' }).getByRole('listitem');
  await expect(products).toHaveCount(24);
  await expect(page.getByText('Showing 24 of 3,000 products')).toBeVisible();
  const names = await products.getByRole('heading', { level: 3 }).allTextContents();
  expect(names).toHaveLength(24);
  for (const name of names) expect(titles.has(name), `${name} is a seeded product`).toBe(true);

  await page.getByRole('button', { name: 'Load more' }).click();
  await expect(products).toHaveCount(48);

  await page.getByRole('navigation', { name: 'Categories' }).getByRole('link', { name: /^Furniture \d+$/ }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Furniture' })).toBeVisible();
  await expect(page).toHaveURL(/category=Furniture/);

  const first = products.first();
  const title = (await first.getByRole('heading', { level: 3 }).textContent())!;
  await first.getByRole('link').click();
  await expect(page.getByRole('heading', { level: 1, name: title })).toBeVisible();
  await expect(page.getByRole('navigation', { name: 'Breadcrumb' })).toContainText('Furniture');
  await expect(page.getByText(/^\$[\d,]+\.99$/).first()).toBeVisible();
  await expect(page.getByText(/^SKU WF-\d+$/)).toBeVisible();
});

test('an unknown product shows a friendly not-found page', async ({ page }) => {
  const response = await page.goto('/p/no-such-product-0');
  expect(response?.status()).toBe(404);
  await expect(page.getByText("We couldn't find that page")).toBeVisible();
  await page.getByRole('link', { name: 'Back to the store' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Everything for the home' })).toBeVisible();
});

test('the cart and checkout are rendered on the server, not left to the browser', async ({ request }) => {
  // A server-rendering failure still answers 200 but sends the skeleton and an error digest
  // (`data-dgst`), and the browser renders the page instead. The server's HTML must hold the
  // cart itself, here the empty cart of a new visitor.
  for (const [path, text] of [
    ['/cart', 'Find something you love and add it to your cart.'],
    ['/checkout', 'Add something to your cart before checking out.'],
  ] as const) {
    const res = await request.get(path);
    expect(res.status(), path).toBe(200);
    const html = await res.text();
    expect(html, path).not.toContain('data-dgst');
    expect(html, path).toContain(text);
  }
});
