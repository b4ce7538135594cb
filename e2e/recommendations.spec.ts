import { expect, test, type Page } from '@playwright/test';
import { loadSeedCatalogItems } from '@/server/modules/recommendations/eval/seed-catalog';

// Two in-stock sofas from the seed catalog.
const sofas = loadSeedCatalogItems()
  .filter((p) => p.classKey === 'Sofas' && p.inStock)
  .slice(0, 2);

async function viewProduct(page: Page, slug: string, title: string) {
  // The view itself (impressions go through the same procedure).
  const tracked = page.waitForResponse(
    (r) => r.url().includes('recs.track') && (r.request().postData() ?? '').includes('"view"') && r.ok(),
  );
  await page.goto(`/p/${slug}`);
  await expect(page.getByRole('heading', { level: 1, name: title })).toBeVisible();
  await tracked;
}

test('recommendations follow what a shopper viewed, and stop when personalization is off', async ({ page }) => {
  expect(sofas).toHaveLength(2);
  const [first, second] = sofas as [(typeof sofas)[0], (typeof sofas)[0]];
  await viewProduct(page, first.slug, first.title);
  await expect(page.getByRole('heading', { level: 2, name: 'Similar items' })).toBeVisible();
  await viewProduct(page, second.slug, second.title);

  await page.goto('/');
  const because = page.getByRole('region', { name: `Because you viewed ${second.title}` });
  await expect(because).toBeVisible();
  await expect(because.getByText(`Because you viewed ${second.title}`).first()).toBeVisible();
  const recent = page.getByRole('region', { name: 'Recently viewed' });
  await expect(recent.getByRole('heading', { level: 3, name: second.title })).toBeVisible();
  await expect(recent.getByText('You viewed this recently').first()).toBeVisible();
  await expect(page.getByRole('switch', { name: 'Personalized recommendations' })).toHaveAttribute(
    'aria-checked',
    'true',
  );

  // Open a recommended product: its page has similar items, each saying why.
  const pick = because.getByRole('listitem').first();
  const pickTitle = (await pick.getByRole('heading', { level: 3 }).textContent())!;
  await pick.getByRole('link').click();
  await expect(page.getByRole('heading', { level: 1, name: pickTitle })).toBeVisible();
  const similar = page.getByRole('region', { name: 'Similar items' });
  await expect(similar.getByRole('listitem').first()).toBeVisible();
  await expect(similar.getByText(`Similar to ${pickTitle}`).first()).toBeVisible();

  // Personalization off: the generic home page, on this and later visits.
  await page.goto('/');
  await page.getByRole('switch', { name: 'Personalized recommendations' }).click();
  await expect(page.getByRole('switch', { name: 'Personalized recommendations' })).toHaveAttribute(
    'aria-checked',
    'false',
  );
  await expect(page.getByRole('region', { name: 'Best-sellers' })).toBeVisible();
  await expect(page.getByRole('region', { name: /^Because you viewed/ })).toHaveCount(0);
  await expect(page.getByRole('region', { name: 'Recently viewed' })).toHaveCount(0);
  await page.reload();
  await expect(page.getByRole('region', { name: 'Best-sellers' })).toBeVisible();
  await expect(page.getByRole('region', { name: /^Because you viewed/ })).toHaveCount(0);
});
