import { expect, test } from './console-fixture';

test('a decision is readable over REST by its id; an unknown id is a 404', async ({ page, request }) => {
  const search = await request.get('/api/v1/search?q=armchair&pageSize=3', {
    headers: { 'x-request-id': 'e2e-decision-1' },
  });
  expect(search.status()).toBe(200);
  const { telemetry } = await search.json();
  expect(telemetry.decisionId).toMatch(/^dec_/);
  expect(telemetry.modelVersion).toMatch(/^search_ranking@builtin$|@v\d+$/);
  // The log row is written just after the response.
  await expect
    .poll(async () => (await page.request.get(`/api/v1/decisions/${telemetry.decisionId}`)).status())
    .toBe(200);
  const body = await (await page.request.get(`/api/v1/decisions/${telemetry.decisionId}`)).json();
  expect(body).toMatchObject({ id: telemetry.decisionId, kind: 'search_ranking', requestId: 'e2e-decision-1' });
  expect(body.telemetry).toMatchObject({
    decisionId: telemetry.decisionId,
    modelVersion: telemetry.modelVersion,
    degraded: false,
  });

  const missing = await page.request.get('/api/v1/decisions/dec_missing');
  expect(missing.status()).toBe(404);
  expect((await missing.json()).error.message).toBe('decision dec_missing was not found');
});

test('a merchant canaries a search ranking version, sees its traffic, and rolls it back', async ({ page, request, playwright }) => {
  const key = `e2e-ranking-${Date.now().toString(36)}`;
  await page.goto('/console/models');
  await expect(page.getByRole('heading', { level: 1, name: 'Models' })).toBeVisible();

  await page.getByLabel('Model key').fill(key);
  await page.getByLabel('Ranking version').fill('0');
  await page.getByLabel('nDCG@10 (offline)').fill('0.99');
  await page.getByRole('button', { name: 'Register version' }).click();
  await expect(page.getByRole('status')).toHaveText(`Registered ${key}@v1 as a draft.`);
  await page.getByRole('link', { name: `${key}@v1` }).click();

  await expect(page.getByRole('heading', { level: 1, name: 'Model version' })).toBeVisible();
  const confirm = async (action: string) => {
    await page.getByRole('button', { name: action }).click();
    await page.getByRole('button', { name: 'Confirm' }).click();
  };
  await confirm('Promote to shadow');
  await expect(page.getByRole('status')).toHaveText(`${key}@v1 is now shadow.`);
  await confirm('Approve for canary');
  await expect(page.getByRole('status')).toHaveText('Approved for canary.');
  await page.getByLabel('Canary share').fill('50');
  await confirm('Promote to canary');
  await expect(page.getByRole('status')).toHaveText(`${key}@v1 is now canary.`);
  await expect(page.getByText('canary · 50%').first()).toBeVisible();
  await expect(page.getByRole('list', { name: 'Stage history' })).toContainText('shadow → canary (50%) · staff_');

  // Shoppers now split between the arms: each from a fresh cookie-less context, since a shared
  // one keeps the first visitor cookie and would make all 24 one subject.
  const served = new Set<string>();
  for (let i = 0; i < 24; i++) {
    const shopper = await playwright.request.newContext({ baseURL: test.info().project.use.baseURL });
    const res = await shopper.get(`/api/v1/search?q=sofa&pageSize=3`);
    served.add((await res.json()).telemetry.modelVersion);
    await shopper.dispose();
  }
  expect(served).toContain(`${key}@v1`);

  await page.goto('/console/models');
  await expect(page.getByRole('table', { name: 'Version metrics' })).toContainText(`${key}@v1`);

  await page.getByRole('link', { name: `${key}@v1` }).click();
  // The version page shows its shopper outcomes next to the baseline, and its serving health.
  const kpis = page.getByRole('table', { name: 'KPIs per version' });
  await expect(kpis).toContainText(`${key}@v1`);
  await expect(kpis).toContainText('Click-through');
  await expect(kpis).toContainText('(baseline)');
  await expect(page.getByRole('figure', { name: 'click-through per version over time' })).toBeVisible();
  await expect(page.getByRole('figure', { name: 'Errors by class over time' })).toBeVisible();
  await expect(page.getByText('Cost / 1k decisions')).toBeVisible();
  if (process.env.E2E_SCREENSHOTS)
    await page.screenshot({ path: `${process.env.E2E_SCREENSHOTS}/model-version.png`, fullPage: true });
  await confirm('Roll back');
  await expect(page.getByRole('status')).toHaveText(`${key}@v1 rolled back.`);
  await expect(page.getByText('shadow', { exact: true }).first()).toBeVisible();
  await expect(page.getByRole('list', { name: 'Stage history' })).toContainText('canary → shadow');
  const after = await (await request.get('/api/v1/search?q=sofa&pageSize=3')).json();
  expect(after.telemetry.modelVersion).not.toBe(`${key}@v1`);
});
