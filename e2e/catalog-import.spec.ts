// A merchant imports a small catalog file in the console: the report names the bad row, the
// progress bar finishes, and a shopper finds the new product by meaning, not by its words.
// Afterwards the product is hidden through the edit form, so later journeys see the seeded store.
import path from 'node:path';
import { expect, test } from './console-fixture';

const FILE = path.join(import.meta.dirname, 'fixtures', 'catalog-import.csv');
const CHAISE = 'Moss Green Velvet Chaise Longue';

test('a merchant imports a catalog file and a shopper finds the new product by a semantic query', async ({ page }) => {
  test.setTimeout(120_000);
  await page.goto('/console/catalog');
  await page.getByRole('link', { name: 'Import products' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Import products' })).toBeVisible();

  // 1–2. Choose the file: the report lists the bad row before anything is written.
  await page.getByLabel('Catalog file').setInputFiles(FILE);
  const summary = page.getByLabel('Report summary');
  await expect(summary).toContainText('6 rows');
  await expect(summary).toContainText('5 valid');
  await expect(summary).toContainText('1 with problems');
  const problems = page.getByRole('table', { name: 'Problems' });
  await expect(problems.getByRole('row', { name: /6 title is required/ })).toBeVisible();
  await expect(page.getByRole('table', { name: 'Flags' })).toContainText('E2E-DRAFT-5');

  // 3. Import the valid rows and watch the progress bar finish.
  await page.getByRole('button', { name: 'Import 5 valid rows' }).click();
  const bar = page.getByRole('progressbar', { name: 'Import progress' });
  await expect(bar).toBeVisible();
  await expect(bar).toHaveAttribute('aria-valuenow', '100', { timeout: 30_000 });
  await expect(page.getByText('Import finished')).toBeVisible();
  const done = page.getByLabel('Import summary');
  await expect(done.getByText('Created').locator('..')).toContainText('5');
  await expect(done.getByText('Skipped (problems)').locator('..')).toContainText('1');
  await expect(page.getByRole('link', { name: 'Review 1 flagged products' })).toBeVisible();
  await expect(page.getByRole('table', { name: 'Import history' })).toContainText('catalog-import.csv');
  if (process.env.E2E_SCREENSHOT_DIR) await page.screenshot({ path: path.join(process.env.E2E_SCREENSHOT_DIR, 'catalog-import.png'), fullPage: true });

  // 4. A shopper asks for it in their own words; indexing runs in the background, so retry briefly.
  await expect(async () => {
    await page.goto('/search?q=green+lounge+chair+for+reading');
    await expect(page.getByRole('list', { name: 'Search results' }).getByRole('link', { name: CHAISE }).first()).toBeVisible({ timeout: 2_000 });
  }).toPass({ timeout: 45_000 });

  // 5. Edit it in the console: a bad price is refused with the field's error, then it is hidden.
  await page.goto('/console/catalog');
  await page.getByRole('link', { name: `Edit ${CHAISE}` }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Edit product' })).toBeVisible();
  await expect(page.getByLabel('Title')).toHaveValue(CHAISE);
  await page.getByLabel('Price (USD)').fill('0');
  await page.getByRole('button', { name: 'Save changes' }).click();
  await expect(page.getByText('must be more than 0')).toBeVisible();
  await page.getByLabel('Price (USD)').fill('1199.99');
  await page.getByLabel('Hidden from the storefront').check();
  await page.getByRole('button', { name: 'Save changes' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Saved.' })).toBeVisible();
  await page.goto('/console/catalog');
  await expect(page.getByText('3,000 active products')).toBeVisible();
});
