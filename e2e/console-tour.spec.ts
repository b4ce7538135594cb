// A look at the pages this round changed, for people: runs only with E2E_SCREENSHOTS=<dir>
// (each page is checked for its main heading and no error panel, then photographed).
import { expect, test } from './console-fixture';

const dir = process.env.E2E_SCREENSHOTS;
test.skip(!dir, 'set E2E_SCREENSHOTS=<dir> to photograph the console pages');

const PAGES: [string, string, RegExp][] = [
  ['catalog-hidden', '/console/catalog?filter=hidden', /Catalog/],
  ['policies', '/console/policies', /Policies/],
  ['reviews', '/console/reviews', /Review/],
  ['recommendations', '/console/recommendations', /Recommendations/],
  ['models', '/console/models', /Models/],
  ['privacy', '/console/privacy', /Privacy/],
  ['webhooks', '/console/webhooks', /Webhooks/],
  ['staff', '/console/staff', /Staff/],
];

for (const [name, url, heading] of PAGES) {
  test(`console page: ${name}`, async ({ page }) => {
    await page.goto(url);
    await expect(page.getByRole('heading', { level: 1 })).toHaveText(heading);
    await page.waitForLoadState('networkidle');
    await expect(page.getByText(/Something went wrong|could not be loaded/i)).toHaveCount(0);
    await page.screenshot({ path: `${dir}/${name}.png`, fullPage: true });
  });
}

test('console product page with the back-order switch', async ({ page }) => {
  await page.goto('/console/catalog');
  await page.getByRole('link', { name: 'Edit' }).first().click();
  await expect(page.getByRole('heading', { name: 'Back-orders' })).toBeVisible();
  await page.getByLabel('Keep selling when out of stock').check();
  await expect(page.getByText('Back-orders are on.')).toBeVisible();
  await page.screenshot({ path: `${dir}/product-backorders.png`, fullPage: true });
});

test('shopper password reset page', async ({ page }) => {
  await page.goto('/account/reset');
  await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
  await page.screenshot({ path: `${dir}/account-reset.png`, fullPage: true });
});
