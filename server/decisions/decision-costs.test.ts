import { describe, expect, it } from 'vitest';
import { useTestDatabase } from '@/server/db/testing';
import { makeModel, versionAt } from '@/server/modules/models/models.fixtures';
import { invalidateServingCache } from '@/server/modules/models/serving-versions';
import { decide } from './decide';
import { flushDecisionLog } from './decision-log';
import { costPer1k, costRatesOf, versionCosts } from './decision-costs';
import { registerImplementation } from './implementations';
import { decisionMetrics } from './read-decisions';

const getDb = useTestDatabase();
const db = () => getDb().prisma;

registerImplementation('test.hosted', async () => {
  await new Promise((r) => setTimeout(r, 15));
  return { output: { ok: true }, usage: { providerCalls: 2, providerInputs: 120 } };
});

describe('cost per 1,000 decisions', () => {
  it('prices recorded compute time and provider usage with the version’s rates', async () => {
    invalidateServingCache();
    const model = await makeModel(db(), 'discount_offer');
    const cost = { perComputeSecondMicros: 40_000, perCallMicros: 300, perInputMicros: 2 };
    const v = await versionAt(db(), {
      modelId: model.id,
      kind: 'discount_offer',
      implementationKey: 'test.hosted',
      params: { cost },
      stage: 'production',
    });
    for (let i = 0; i < 10; i++) await decide(db(), 'discount_offer', `v_cost_${i}`, {});
    await flushDecisionLog();
    const row = await db().decisionLog.findFirstOrThrow({ where: { modelVersionId: v.id } });
    const usage = (row.features as { usage: { computeMs: number; providerCalls: number } }).usage;
    expect(usage.providerCalls).toBe(2);
    expect(usage.computeMs).toBeGreaterThanOrEqual(14);
    expect(usage.computeMs).toBeLessThanOrEqual(row.latencyMs);

    const [c] = await versionCosts(db(), 'discount_offer', { since: new Date(Date.now() - 60_000) });
    expect(c).toMatchObject({
      modelVersionId: v.id,
      decisions: 10,
      providerCalls: 20,
      providerInputs: 1200,
      rates: { ...cost, source: 'version' },
    });
    // 2 calls × 300 µ$ + 120 inputs × 2 µ$ + compute → per 1,000 decisions in dollars.
    const expected = ((c!.avgComputeMs / 1000) * 40_000 + 2 * 300 + 120 * 2) / 1000;
    expect(c!.costPer1k).toBeCloseTo(expected, 3);
    expect(c!.costPer1k).toBeGreaterThan(0.84); // at least the provider part: (600 + 240) µ$ × 1000
    const metrics = await decisionMetrics(db(), { kind: 'discount_offer' });
    expect(metrics.costs.map((x) => x.modelVersion)).toContain(c!.modelVersion);
  });

  it('falls back to the deployment default rates', () => {
    const r = costRatesOf({}, { DECISION_COST_PER_COMPUTE_SECOND_MICROS: '10' });
    expect(r).toMatchObject({ perComputeSecondMicros: 10, perCallMicros: 0, source: 'default' });
    expect(costPer1k(50, 0, 0, r)).toBeCloseTo(0.0005, 9);
  });
});
