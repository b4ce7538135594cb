// Console → Recommendations: the shared add-rule form on both rules panels. A merchant pins a
// product first on one product's page (the product itself cannot be its own target), then
// pins it first on the home page; each preview shows it at #1, and removing the rules leaves
// the lists as the model made them.
import { expect, test } from './console-fixture';
import type { Locator } from '@playwright/test';
import { loadSeedCatalogItems } from '@/server/modules/recommendations/eval/seed-catalog';

const [anchor, target] = loadSeedCatalogItems()
  .filter((p) => p.classKey === 'Kids Desks' && p.inStock)
  .slice(0, 2);

/** Searches a product finder for a product and returns that product's result row. */
async function find(finder: Locator, results: Locator, title: string): Promise<Locator> {
  await finder.getByRole('textbox').fill(title);
  await finder.getByRole('button', { name: 'Find' }).click();
  const row = results.getByRole('listitem').filter({ hasText: title }).first();
  await expect(row).toBeVisible({ timeout: 15_000 });
  return row;
}

test('the add-rule form pins a product on one product page and on a placement; removing the rules undoes them', async ({ page }) => {
  expect(anchor && target, 'two in-stock kids desks in the seed catalog').toBeTruthy();
  await page.goto('/console/recommendations');
  const placement = page.getByRole('region', { name: 'Placement rules' });
  // Hydrated and answering (a cold server takes a while for the first queries).
  await expect(placement.getByText('No rules for this placement')).toBeVisible({ timeout: 30_000 });

  // 1. One product's page: choose the product, then pin another one first.
  const product = page.getByRole('region', { name: /Rules for one product/ });
  const chooser = 'Find the product whose recommendations to edit';
  await (await find(product.getByRole('search', { name: chooser }), product.getByRole('list', { name: `${chooser} results` }), anchor!.title))
    .getByRole('button', { name: 'Edit rules' })
    .click();
  await expect(product.getByRole('heading', { name: `Rules for ${anchor!.title}` })).toBeVisible();
  await expect(product.getByText('No rules yet')).toBeVisible();
  await expect(product.getByLabel(/^Boost/)).toHaveCount(0);

  const adder = 'Find a product to pin or exclude';
  const form = product.getByRole('search', { name: adder });
  const results = product.getByRole('list', { name: `${adder} results` });
  // The product cannot be pinned to its own page.
  const self = await find(form, results, anchor!.title);
  await expect(self).toContainText('this product');
  await expect(self.getByRole('button')).toHaveCount(0);

  await product.getByLabel('Pin position (0 = first)').fill('0');
  await (await find(form, results, target!.title)).getByRole('button', { name: 'Pin' }).click();
  const rules = product.getByRole('list', { name: 'Rules', exact: true });
  await expect(rules.getByRole('listitem')).toHaveCount(1);
  await expect(rules.getByRole('listitem')).toContainText(['Pinned #1']);
  await expect(rules.getByRole('listitem')).toContainText([target!.title]);
  const preview = product.getByRole('region', { name: /^Preview: / }).first();
  // A cold recommender may time out once; the preview query retries.
  await expect(preview.getByRole('listitem').first()).toContainText(`1. ${target!.title}`, { timeout: 15_000 });
  await expect(preview.getByRole('listitem').first()).toContainText('Recommended by the store');
  await rules.getByRole('button', { name: `Remove rule for ${target!.title}` }).click();
  await expect(product.getByText('No rules yet')).toBeVisible();

  // 2. The home page placement: the same form, with Boost.
  await expect(placement.getByRole('tab', { name: 'Home page sections' })).toHaveAttribute('aria-selected', 'true');
  await expect(placement.getByLabel('Boost (×1.05–5)')).toHaveValue('2');
  const pform = placement.getByRole('search', { name: 'Find a product to pin, boost or exclude' });
  const presults = placement.getByRole('list', { name: 'Find a product to pin, boost or exclude results' });
  const row = await find(pform, presults, target!.title);
  await expect(row.getByRole('button')).toHaveText(['Pin', 'Boost', 'Exclude']);
  await row.getByRole('button', { name: 'Pin' }).click();
  const prules = placement.getByRole('list', { name: 'Placement rules' });
  await expect(prules.getByRole('listitem')).toContainText(['Pinned #1']);
  await expect(prules.getByRole('listitem')).toContainText([target!.title]);
  const home = placement.getByRole('region', { name: /^Placement preview: / }).first();
  await expect(home.getByRole('listitem').first()).toContainText(`1. ${target!.title}`, { timeout: 15_000 });
  await prules.getByRole('button', { name: `Remove rule for ${target!.title}` }).click();
  await expect(placement.getByText('No rules for this placement')).toBeVisible();
});
