import { beforeAll, describe, expect, it } from 'vitest';
import { decide } from '@/server/decisions/decide';
import '@/server/decisions/decisions.fixtures';
import { useTestDatabase } from '@/server/db/testing';
import { makeModel, versionAt } from '@/server/modules/models/models.fixtures';
import { invalidateServingCache } from '@/server/modules/models/serving-versions';
import { startExperiment, stopExperiment, updateArms } from './change-status';
import { createExperiment } from './create-experiment';
import type { CreateExperimentInput } from './experiments.schema';
import { forgetExposures } from './log-exposure';
import { experimentServe, invalidateExperimentCache } from './running-experiments';

const getDb = useTestDatabase();
const db = () => getDb().prisma;

let control: { id: string };
let treatment: { id: string };
let seq = 0;

beforeAll(async () => {
  const model = await makeModel(db(), 'search_ranking');
  // Search ranking params are strict ({ rankingVersion }), so both arms run the constant
  // test implementation and are told apart by the served version label.
  const v = () =>
    versionAt(db(), { modelId: model.id, kind: 'search_ranking', implementationKey: 'test.const', params: { rankingVersion: 0 }, stage: 'draft' });
  control = await v();
  treatment = await v();
  invalidateServingCache();
});

const draft = (over: Partial<CreateExperimentInput> = {}): CreateExperimentInput => ({
  key: `ranking-test-${++seq}`,
  name: 'Ranking v2 vs v1',
  hypothesis: 'Boosting in-stock items lifts click-through',
  kind: 'search_ranking',
  layer: `layer-${seq}`,
  arms: [
    { key: 'control', modelVersionId: control.id, allocation: 50 },
    { key: 'treatment', modelVersionId: treatment.id, allocation: 50 },
  ],
  primaryMetric: 'search_click_through',
  guardrailMetrics: ['zero_result_rate'],
  baselineRate: 0.1,
  mde: 0.2,
  actor: 'merchant',
  ...over,
});

describe('experiment validation', () => {
  it('refuses allocations that do not sum to 100, naming the total', async () => {
    await expect(
      createExperiment(db(), draft({ arms: [
        { key: 'control', modelVersionId: control.id, allocation: 60 },
        { key: 'treatment', modelVersionId: treatment.id, allocation: 30 },
      ] })),
    ).rejects.toMatchObject({ code: 'INVALID', message: 'arm allocations must sum to 100, not 90' });
  });

  it('refuses to start without a primary metric', async () => {
    const { id } = await createExperiment(db(), draft({ primaryMetric: null }));
    await expect(startExperiment(db(), { experimentId: id, actor: 'merchant' })).rejects.toMatchObject({
      code: 'INVALID',
      message: 'an experiment cannot start without a primary metric',
    });
  });

  it('refuses overlapping traffic in one layer and arm changes after start', async () => {
    const a = await createExperiment(db(), draft({ layer: 'shared', trafficEnd: 6_000 }));
    const b = await createExperiment(db(), draft({ layer: 'shared', trafficStart: 5_000 }));
    const c = await createExperiment(db(), draft({ layer: 'shared', trafficStart: 6_000 }));
    await startExperiment(db(), { experimentId: a.id, actor: 'merchant' });
    await expect(startExperiment(db(), { experimentId: b.id, actor: 'merchant' })).rejects.toMatchObject({
      code: 'CONFLICT',
      message: expect.stringContaining('already owns part of this traffic in layer shared'),
    });
    await startExperiment(db(), { experimentId: c.id, actor: 'merchant' });
    await expect(
      updateArms(db(), { experimentId: a.id, actor: 'merchant', arms: draft().arms }),
    ).rejects.toMatchObject({ code: 'CONFLICT', message: expect.stringContaining('cannot change once it has started') });
    await stopExperiment(db(), { experimentId: a.id, actor: 'merchant' });
    await stopExperiment(db(), { experimentId: c.id, actor: 'merchant' });
    const audit = await db().auditEvent.count({ where: { entityId: a.id } });
    expect(audit).toBe(3);
  });

  it('records the planned sample size from the power calculation', async () => {
    const { id } = await createExperiment(db(), draft());
    const e = await db().experiment.findUniqueOrThrow({ where: { id } });
    expect(e.plannedSampleSize).toBeGreaterThan(3_800);
    expect(e.plannedSampleSize).toBeLessThan(3_900);
  });
});

describe('serving arms through decide()', () => {
  it('serves each unit its arm, stickily, and logs exposure once per unit', async () => {
    const { id } = await createExperiment(db(), draft({ layer: 'search' }));
    await startExperiment(db(), { experimentId: id, actor: 'merchant' });
    invalidateExperimentCache();
    forgetExposures();
    const seen = new Map<string, string>();
    const labelOf = new Map<string, string>();
    for (let round = 0; round < 3; round++) {
      if (round === 2) forgetExposures(); // the database, not the memory, must dedupe
      for (let i = 0; i < 200; i++) {
        const res = await decide(db(), 'search_ranking', `sess_${i}`, { q: 'shoes' });
        expect(res.telemetry.arm).toBe('experiment');
        const arm = res.telemetry.experiment!.arm;
        expect(res.telemetry.experiment!.experimentId).toBe(id);
        // Each arm always serves its own version.
        if (!labelOf.has(arm)) labelOf.set(arm, res.telemetry.modelVersion);
        expect(res.telemetry.modelVersion).toBe(labelOf.get(arm));
        if (round === 0) seen.set(`sess_${i}`, arm);
        else expect(arm).toBe(seen.get(`sess_${i}`));
      }
    }
    expect(new Set(labelOf.values()).size).toBe(2);
    const exposures = await db().experimentExposure.groupBy({ by: ['arm'], where: { experimentId: id }, _count: true });
    expect(exposures.reduce((a, r) => a + r._count, 0)).toBe(200);
    const treated = [...seen.values()].filter((a) => a === 'treatment').length;
    expect(exposures.find((r) => r.arm === 'treatment')?._count).toBe(treated);

    await stopExperiment(db(), { experimentId: id, actor: 'merchant' });
    // Stopped: the seam no longer finds an arm (it falls through to production/canary).
    expect(await experimentServe(db(), 'search_ranking', 'sess_1')).toBeNull();
  }, 60_000);
});
