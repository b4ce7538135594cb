// The experiment journey of issue 8: two ranking versions registered, an experiment created
// from the ranking template and started in the console, simulated shoppers driven through
// the real doors (scripts/experiments/simulate.ts), results and the SRM status read in the
// console, and the winner shipped through model governance (pending until approved).
import { simulateTraffic } from '../scripts/experiments/simulate';
import { expect as baseExpect, OWNER, test } from './console-fixture';

// Results are computed on read and the shoppers share a 2-core machine: allow slow answers.
const expect = baseExpect.configure({ timeout: 20_000 });

test('create, start, drive traffic, read results, ship the winner', async ({ page }) => {
  test.setTimeout(300_000);
  const key = `e2e-exp-rank-${Date.now().toString(36)}`;

  // Two versions of one ranking model, registered in the models console.
  await page.goto('/console/models');
  for (const v of [1, 2]) {
    await page.getByLabel('Model key').fill(key);
    await page.getByLabel('Ranking version').fill('0');
    await page.getByLabel('nDCG@10 (offline)').fill('0.99');
    await page.getByRole('button', { name: 'Register version' }).click();
    await expect(page.getByRole('status')).toHaveText(`Registered ${key}@v${v} as a draft.`);
  }

  // Create from the ranking template: control v1, treatment v2, conversion as primary.
  await page.goto('/console/experiments');
  await expect(page.getByRole('radio', { name: 'Ranking vs ranking' })).toHaveAttribute('aria-checked', 'true');
  await page.getByLabel('Key', { exact: true }).fill(key);
  await page.getByLabel('Name').fill('Ranking v2 vs v1');
  await page.getByLabel('Hypothesis').fill('The new ranking converts more shoppers');
  await page.getByLabel('Control version').selectOption({ label: `${key}@v1 (draft)` });
  await page.getByLabel('Treatment version').selectOption({ label: `${key}@v2 (draft)` });
  await page.getByLabel('Primary metric').selectOption('conversion_rate');
  await page.getByLabel('Baseline rate').fill('0.2');
  await page.getByLabel('Minimum detectable effect (relative)').fill('0.5');
  await expect(page.getByText(/sessions per arm/)).toBeVisible();
  await page.getByRole('button', { name: 'Create draft' }).click();
  await expect(page).toHaveURL(/\/console\/experiments\/exp_/);
  const experimentId = page.url().split('/').pop()!;

  await page.getByRole('button', { name: 'Start' }).click();
  await expect(page.getByText('running', { exact: true })).toBeVisible();

  // Simulated shoppers through the real HTTP doors, with a true +150% conversion lift.
  const report = await simulateTraffic({
    baseUrl: test.info().project.use.baseURL!,
    experimentId,
    staff: OWNER,
    shoppers: 60,
    lift: 1.5,
    baseConversion: 0.2,
    seed: 8,
    concurrency: 4,
  });
  expect(report.failures, JSON.stringify(report.outcomes)).toBe(0);
  expect(report.unassigned).toBe(0);
  expect(report.arms.control!.units + report.arms.treatment!.units).toBe(60);
  expect(report.console.units).toEqual({ control: report.arms.control!.units, treatment: report.arms.treatment!.units });
  expect(report.arms.treatment!.orders, JSON.stringify(report.outcomes)).toBeGreaterThan(report.arms.control!.orders);
  expect(report.console.srm.mismatch).toBe(false);

  // The console shows the split, the per-arm and per-day tables and the summary.
  await page.reload();
  await expect(page.getByLabel('Sample ratio status')).toHaveText('Traffic split OK');
  const perArm = page.getByRole('table', { name: 'Per-arm metrics' });
  await expect(perArm.getByRole('row', { name: /^control/ })).toContainText(String(report.arms.control!.units));
  await expect(perArm.getByRole('row', { name: /^treatment/ })).toContainText(`${(report.arms.treatment!.conversion * 100).toFixed(2)}%`);
  await expect(page.getByRole('table', { name: 'Metrics per day' })).toContainText(new Date().toISOString().slice(0, 10));
  await expect(page.getByRole('list', { name: 'Summary' })).toContainText('Chance treatment is better than control');
  await page.screenshot({ path: '.test-results/experiment-detail.png', fullPage: true });

  // Ship the treatment: governance needs approvals first, so the shipment is pending.
  await page.getByRole('button', { name: `Ship treatment (${key}@v2)` }).click();
  await expect(page.getByRole('status', { name: 'Shipment' })).toContainText('Shipping treatment is pending');
  await expect(page.getByRole('status', { name: 'Shipment' })).toContainText('needs 1 approval for canary');

  // Approve in model governance (tRPC, as the owner), then retry: the version reaches production.
  const models = await page.request.get(`/api/trpc/models.list?input=${encodeURIComponent(JSON.stringify({ json: {} }))}`);
  const list = (await models.json()).result.data.json as { key: string; versions: { id: string; label: string }[] }[];
  const v2 = list.find((m) => m.key === key)!.versions.find((v) => v.label === `${key}@v2`)!;
  for (const targetStage of ['canary', 'production']) {
    const res = await page.request.post('/api/trpc/models.approve', {
      data: { json: { versionId: v2.id, targetStage } },
      headers: { origin: test.info().project.use.baseURL! },
    });
    expect(res.status(), await res.text()).toBe(200);
  }
  await page.getByRole('button', { name: 'Retry shipping' }).click();
  await expect(page.getByRole('status', { name: 'Shipment' })).toContainText(`Shipped treatment: ${key}@v2 is now production.`);
  await expect(page.getByText('decided', { exact: true })).toBeVisible();
});
