// SRM on a deliberately skewed run and guardrail auto-stop, on rows written the way the seam
// and the search log write them (exposures and search_events), read back through readResults.
import { beforeAll, describe, expect, it } from 'vitest';
import { useTestDatabase } from '@/server/db/testing';
import { makeModel, versionAt } from '@/server/modules/models/models.fixtures';
import { startExperiment } from './change-status';
import { createExperiment } from './create-experiment';
import { readResults } from './read-results';
import { stopExperiment } from './change-status';
import { recordDecision } from './record-decision';

const getDb = useTestDatabase();
const db = () => getDb().prisma;
let arms: { key: string; modelVersionId: string; allocation: number }[];
let seq = 0;

beforeAll(async () => {
  const model = await makeModel(db(), 'search_ranking');
  const v = () =>
    versionAt(db(), { modelId: model.id, kind: 'search_ranking', implementationKey: 'test.const', params: { rankingVersion: 0 }, stage: 'draft' });
  const [a, b] = [await v(), await v()];
  arms = [
    { key: 'control', modelVersionId: a.id, allocation: 50 },
    { key: 'treatment', modelVersionId: b.id, allocation: 50 },
  ];
});

async function running(autoStop: boolean) {
  seq += 1;
  const { id } = await createExperiment(db(), {
    key: `results-${seq}`,
    name: 'results',
    hypothesis: 'h',
    layer: `results-${seq}`,
    arms,
    primaryMetric: 'search_click_through',
    guardrailMetrics: ['zero_result_rate'],
    baselineRate: 0.3,
    mde: 0.1,
    autoStop,
    actor: 'merchant',
  });
  await startExperiment(db(), { experimentId: id, actor: 'merchant' });
  return id;
}

/** n units in an arm; `clickShare` of them click, `zeroShare` of their one query returns nothing. */
async function traffic(experimentId: string, arm: string, n: number, clickShare: number, zeroShare: number) {
  const exposedAt = new Date(Date.now() - 60_000);
  const units = Array.from({ length: n }, (_, i) => `${experimentId}_${arm}_${i}`);
  await db().experimentExposure.createMany({ data: units.map((unitKey) => ({ experimentId, unitKey, arm, exposedAt })) });
  await db().searchEvent.createMany({
    data: units.flatMap((sessionKey, i) => [
      { id: `q_${sessionKey}`, type: 'query' as const, sessionKey, zeroResult: i < n * zeroShare, query: 'shoes' },
      ...(i < n * clickShare ? [{ id: `c_${sessionKey}`, type: 'click' as const, sessionKey, position: 1 }] : []),
    ]),
  });
}

describe('readResults', () => {
  it('flags SRM on a skewed 50/50 run and marks it not decidable', async () => {
    const id = await running(false);
    await traffic(id, 'control', 1_000, 0.3, 0.1);
    await traffic(id, 'treatment', 1_200, 0.3, 0.1);
    const r = await readResults(db(), id);
    expect(r.units).toEqual({ control: 1_000, treatment: 1_200 });
    expect(r.srm.pValue).toBeLessThan(0.001);
    expect(r.srm.mismatch).toBe(true);
    expect(r.decidable).toBe(false);
    const e = await db().experiment.findUniqueOrThrow({ where: { id } });
    expect(e.flags).toMatchObject({ srm: true });
    await stopExperiment(db(), { experimentId: id, actor: 'merchant' });
    await expect(recordDecision(db(), { experimentId: id, arm: 'treatment', actor: 'merchant' })).rejects.toMatchObject({
      code: 'INVALID',
      message: expect.stringContaining('sample ratio mismatch'),
    });
  });

  it('reports lift with intervals and unavailable order metrics', async () => {
    const id = await running(false);
    await traffic(id, 'control', 1_000, 0.3, 0.1);
    await traffic(id, 'treatment', 1_000, 0.36, 0.1);
    const r = await readResults(db(), id);
    expect(r.srm.mismatch).toBe(false);
    const primary = r.comparisons.find((c) => c.metric === 'search_click_through')!;
    expect(primary.controlMean).toBeCloseTo(0.3, 10);
    expect(primary.armMean).toBeCloseTo(0.36, 10);
    expect(primary.absolute).toBeCloseTo(0.06, 10);
    expect(primary.absoluteCi.low).toBeGreaterThan(0.01);
    expect(primary.pValue).toBeLessThan(0.01);
    expect(primary.probabilityToBeatControl).toBeGreaterThan(0.99);
    expect(r.guardrailBreaches).toEqual([]);
    expect(r.status).toBe('running');
    await expect(recordDecision(db(), { experimentId: id, arm: 'nope', actor: 'merchant' })).rejects.toMatchObject({
      code: 'INVALID',
      message: expect.stringContaining('has no arm nope'),
    });
    await stopExperiment(db(), { experimentId: id, actor: 'merchant' });
    const decided = await recordDecision(db(), { experimentId: id, arm: 'treatment', actor: 'merchant', reason: 'CTR +20%' });
    expect(decided.arm).toBe('treatment');
    expect((await db().experiment.findUniqueOrThrow({ where: { id } })).status).toBe('decided');
  });

  it('stops a running experiment when a guardrail degrades significantly, and audits it', async () => {
    const id = await running(true);
    await traffic(id, 'control', 1_000, 0.3, 0.05);
    await traffic(id, 'treatment', 1_000, 0.3, 0.2);
    const r = await readResults(db(), id);
    expect(r.guardrailBreaches.map((b) => b.metric)).toEqual(['zero_result_rate']);
    expect(r.autoStopped).toBe(true);
    const e = await db().experiment.findUniqueOrThrow({ where: { id } });
    expect(e.status).toBe('stopped');
    const audit = await db().auditEvent.findFirstOrThrow({ where: { entityId: id, action: 'experiment.auto_stop' } });
    expect(audit.reason).toContain('zero_result_rate:treatment');
  });
});
