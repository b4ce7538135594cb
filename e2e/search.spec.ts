import type { Page } from '@playwright/test';
import { expect, test } from './console-fixture';

// Words a shopper would accept for "sofa": the query, its synonyms and close kinds of seating.
const SOFA_LIKE = /sofa|couch|sectional|loveseat|love seat|settee|futon|sleeper|chaise|recliner|seating/i;

function resultCount(text: string | null): number {
  const m = /^([\d,]+) results? for/.exec(text ?? '');
  if (!m) throw new Error(`not a result count: ${text}`);
  return Number(m[1]!.replace(/,/g, ''));
}

async function prices(page: Page, n: number): Promise<number[]> {
  const cards = page.getByRole('list', { name: 'Search results' }).getByRole('listitem');
  const texts = await cards.locator('span', { hasText: /^\$[\d,]+\.\d\d$/ }).allTextContents();
  return texts.slice(0, n).map((t) => Number(t.replace(/[$,]/g, '')));
}

test('a shopper searches from the header, narrows by category, sorts by price and opens a product', async ({
  page,
}) => {
  await page.goto('/', { waitUntil: 'networkidle' });
  const box = page.getByRole('combobox', { name: 'Search products' });
  await box.pressSequentially('sofa', { delay: 30 });

  const suggestions = page.getByRole('listbox', { name: 'Search suggestions' });
  await expect(box).toHaveAttribute('aria-expanded', 'true');
  const options = suggestions.getByRole('option');
  await expect(options.first()).toBeVisible();
  expect(await options.count()).toBeGreaterThan(1);
  await expect(suggestions.getByRole('group', { name: 'Products' })).toBeVisible();

  // Keyboard: down moves the active option (the input keeps focus), escape closes, enter searches.
  await box.press('ArrowDown');
  const firstId = await options.first().getAttribute('id');
  await expect(box).toHaveAttribute('aria-activedescendant', firstId!);
  await expect(options.first()).toHaveAttribute('aria-selected', 'true');
  await box.press('Escape');
  await expect(box).toHaveAttribute('aria-expanded', 'false');
  await box.press('Enter');

  await expect(page).toHaveURL(/\/search\?q=sofa$/);
  const status = page.getByRole('status').filter({ hasText: /results? for “sofa”/ });
  await expect(status).toBeVisible();
  const total = resultCount(await status.textContent());
  expect(total).toBeGreaterThan(10);
  await expect(page.getByTestId('search-telemetry')).toContainText(/ranking v\d+/);
  const results = page.getByRole('list', { name: 'Search results' }).getByRole('listitem');
  await expect(results).toHaveCount(Math.min(24, total));

  // Narrow to the biggest category: the URL and the count change, and what remains is still sofas.
  const filters = page.getByRole('complementary', { name: 'Filters' });
  const category = filters.getByRole('group', { name: 'Category' }).getByRole('checkbox').first();
  const categoryName = (await category.locator('xpath=..').textContent())!.replace(/[\d,]+$/, '').trim();
  await category.check();
  await expect(page).toHaveURL(new RegExp(`category=${encodeURIComponent(categoryName).replace(/%20/g, '(\\+|%20)')}`));
  await expect(status).not.toHaveText(`${total.toLocaleString('en-US')} results for “sofa”`);
  const narrowed = resultCount(await status.textContent());
  expect(narrowed).toBeGreaterThan(0);
  expect(narrowed).toBeLessThan(total);
  await expect(category).toBeChecked();
  for (const text of await results.allTextContents())
    expect(text, 'a filtered result is still about sofas').toMatch(SOFA_LIKE);

  await page.getByLabel('Sort by').selectOption('price_asc');
  await expect(page).toHaveURL(/sort=price_asc/);
  await expect(page.getByLabel('Sort by')).toHaveValue('price_asc');
  await expect
    .poll(async () => {
      const first = await prices(page, 6);
      return first.length > 1 && first.every((p, i) => i === 0 || first[i - 1]! <= p);
    }, 'the first prices ascend')
    .toBe(true);

  const title = (await results.first().getByRole('heading', { level: 3 }).textContent())!;
  await results.first().getByRole('link').click();
  await expect(page).toHaveURL(/\/p\//);
  await expect(page.getByRole('heading', { level: 1, name: title })).toBeVisible();
});

test('a nonsense query shows a calm empty or relaxed state, not an error', async ({ page }) => {
  await page.goto('/');
  const box = page.getByRole('combobox', { name: 'Search products' });
  await box.fill('qwxzv');
  await box.press('Enter');
  await expect(page).toHaveURL(/\/search\?q=qwxzv$/);
  await expect(page.getByText(/No (exact matches|results) for “qwxzv”/)).toBeVisible();
  await expect(page.getByText(/something went wrong|application error/i)).toHaveCount(0);
});

test('the console shows what shoppers searched and versions a new synonym', async ({ page }) => {
  // A search of its own, so this test stands alone.
  await page.goto('/search?q=armchair');
  await expect(page.getByRole('status').filter({ hasText: /for “armchair”/ })).toBeVisible();

  await page.goto('/console');
  await page.getByRole('navigation', { name: 'Console' }).getByRole('link', { name: 'Search' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Search' })).toBeVisible();
  const top = page.getByRole('table', { name: /Top queries/ });
  await expect(
    top.getByRole('row').filter({ has: page.getByRole('link', { name: 'armchair', exact: true }) }),
  ).toBeVisible();
  await expect(page.getByRole('img', { name: /armchair: \d+ searches/ })).toBeVisible();

  // The data dir outlives a run, so expect the next version number rather than assuming 1.
  const res = await page.request.get('/api/trpc/searchAdmin.synonyms');
  const before = (await res.json()).result.data.json as { versions: { version: number }[] };
  const next = (before.versions[0]?.version ?? 0) + 1;

  await page.getByRole('navigation', { name: 'Search sections' }).getByRole('link', { name: 'Synonyms' }).click();
  await expect(page.getByRole('heading', { name: /^Synonyms · version \d+$/ })).toBeVisible();
  // The editor's forms only work once hydrated; a click before that would submit natively.
  await page.waitForLoadState('networkidle');
  // A term of this run's own: the e2e data dir persists, and an existing entry would not make a change.
  const term = `e2e${Date.now().toString(36)}`;
  await page.getByLabel('Equivalent terms').fill(`${term}, sofa`);
  await page.getByRole('button', { name: 'Add synonym' }).click();
  await expect(page.getByRole('list', { name: 'Synonyms' }).getByText(`${term} = sofa`)).toBeVisible();
  await page.getByLabel('Note').fill(`e2e: ${term} is a sofa`);
  await page.getByRole('button', { name: 'Save as new version' }).click();

  await expect(page.getByRole('status')).toHaveText(`Saved version ${next} and activated it.`);
  await expect(page.getByRole('heading', { name: `Synonyms · version ${next}` })).toBeVisible();
  const history = page.getByRole('list', { name: 'Synonym versions' });
  await expect(history.getByRole('listitem').first()).toContainText(`v${next}`);
  await expect(history.getByRole('listitem').first()).toContainText('Active');

  // Search serves the new version within the settings cache's few seconds.
  await expect(async () => {
    await page.goto('/search?q=sofa');
    await expect(page.getByTestId('search-telemetry')).toContainText(`synonyms v${next}`, { timeout: 1_000 });
  }).toPass({ timeout: 15_000, intervals: [1_000, 2_000] });
});
