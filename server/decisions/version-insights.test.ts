import { describe, expect, it } from 'vitest';
import { useTestDatabase } from '@/server/db/testing';
import { evaluateGuardrails } from '@/server/modules/models/evaluate-guardrails';
import { makeModel, versionAt } from '@/server/modules/models/models.fixtures';
import { invalidateServingCache } from '@/server/modules/models/serving-versions';
import { decide } from './decide';
import './decisions.fixtures';
import { flushDecisionLog } from './decision-log';
import { registerImplementation } from './implementations';
import { rankCorrelation } from './shadow-comparison';
import { versionInsights } from './version-insights';

const getDb = useTestDatabase();
const db = () => getDb().prisma;

// Reports its input as features, so the test controls their distribution.
registerImplementation<{ amount: number; night: boolean }, unknown>('test.features', async (input) => ({
  output: { score: 0.5 },
  score: 0.5,
  features: { amount: input.amount, night: input.night, label: 'not a number' },
}));
// Ranks ten products; `reverse` ranks them the other way round, `score` offsets the score.
registerImplementation<unknown, unknown>('test.rank', async (_input, params) => {
  const ids = Array.from({ length: 10 }, (_, i) => `p${i}`);
  return {
    output: { productIds: params.reverse ? ids.reverse() : ids },
    score: 0.5 + Number(params.score ?? 0),
  };
});

describe('rankCorrelation', () => {
  it('is 1 for the same order, −1 for the reverse, and uses only the products both ranked', () => {
    expect(rankCorrelation(['a', 'b', 'c', 'd'], ['a', 'b', 'c', 'd'])).toBeCloseTo(1, 10);
    expect(rankCorrelation(['a', 'b', 'c', 'd'], ['d', 'c', 'b', 'a'])).toBeCloseTo(-1, 10);
    expect(rankCorrelation(['a', 'b', 'c', 'x'], ['a', 'y', 'b', 'c'])).toBeCloseTo(1, 10);
    expect(rankCorrelation(['a', 'b'], ['a', 'b'])).toBeNull();
  });
});

describe('versionInsights', () => {
  it('per-feature drift: PSI per numeric feature between the launch sample and the last window, alerted over the threshold', async () => {
    invalidateServingCache();
    const model = await makeModel(db(), 'risk_score', { minDecisions: 50, windowMinutes: 10, maxFeaturePsi: 0.25 });
    const v = await versionAt(db(), { modelId: model.id, kind: 'risk_score', implementationKey: 'test.features', stage: 'production' });
    const launch = new Date(Date.now() - 2 * 60 * 60_000);
    await db().modelStageChange.updateMany({ where: { versionId: v.id }, data: { createdAt: launch } });

    // Launch traffic: amounts spread 0–99, a third at night.
    for (let i = 0; i < 300; i++) await decide(db(), 'risk_score', `o_l_${i}`, { amount: i % 100, night: i % 3 === 0 });
    await flushDecisionLog();
    await db().decisionLog.updateMany({ where: { modelVersionId: v.id }, data: { createdAt: new Date(launch.getTime() + 60_000) } });
    // Recent traffic: the same night share, but amounts all in the top tenth.
    for (let i = 0; i < 300; i++) await decide(db(), 'risk_score', `o_r_${i}`, { amount: 90 + (i % 10), night: i % 3 === 0 });
    await flushDecisionLog();

    const insights = await versionInsights(db(), { versionId: v.id, windowMinutes: 24 * 60 });
    const byFeature = Object.fromEntries(insights.drift.features.map((f) => [f.feature, f]));
    expect(Object.keys(byFeature).sort()).toEqual(['amount', 'night']);
    expect(byFeature.amount).toMatchObject({ referenceCount: 300, recentCount: 300 });
    expect(byFeature.amount!.psi).toBeGreaterThan(1);
    expect(byFeature.night!.psi).toBeLessThan(0.01);
    expect(insights.drift.launchedAt).toEqual(launch);

    const report = await evaluateGuardrails(db(), 'risk_score');
    const fd = report.featureDrift.find((f) => f.versionId === v.id)!;
    expect(fd.alerted).toBe(true);
    expect(fd.features.map((f) => f.feature)).toEqual(['amount']);
    const alert = await db().modelAlert.findFirstOrThrow({ where: { versionId: v.id, type: 'feature_drift' } });
    expect(alert.message).toMatch(/^feature drift on risk-score-\d+@v1: amount PSI \d+\.\d{3} > 0\.25$/);
    // The next scheduled run within the window does not repeat the alert.
    await evaluateGuardrails(db(), 'risk_score');
    expect(await db().modelAlert.count({ where: { versionId: v.id, type: 'feature_drift' } })).toBe(1);
  });

  it('errors by class over time, and shadow comparison: agreement, rank correlation and score deltas', async () => {
    invalidateServingCache();
    const model = await makeModel(db(), 'search_ranking');
    // Search versions need a ranking version param only through the real create path; these
    // rows are created straight in the registry with the test ranker.
    const prod = await db().modelVersion.create({
      data: {
        id: 'mv_prod_rank',
        modelId: model.id,
        kind: 'search_ranking',
        version: 1,
        implementationKey: 'test.rank',
        params: {},
        salt: 's1',
        stage: 'production',
        createdBy: 'author',
      },
    });
    const shadow = await db().modelVersion.create({
      data: {
        id: 'mv_shadow_rank',
        modelId: model.id,
        kind: 'search_ranking',
        version: 2,
        implementationKey: 'test.rank',
        params: { reverse: true, score: 0.25 },
        salt: 's2',
        stage: 'shadow',
        createdBy: 'author',
      },
    });
    invalidateServingCache();
    for (let i = 0; i < 20; i++) await decide(db(), 'search_ranking', `s_${i}`, { q: 'sofa' }, { requestId: `r_${i}` });
    // Two timeouts and one model error on production, in the log as the seam writes them.
    await flushDecisionLog();
    const rows = await db().decisionLog.findMany({ where: { modelVersionId: prod.id }, take: 3, orderBy: { id: 'asc' } });
    await db().decisionLog.update({ where: { id: rows[0]!.id }, data: { errorClass: 'timeout', degraded: true } });
    await db().decisionLog.update({ where: { id: rows[1]!.id }, data: { errorClass: 'timeout', degraded: true } });
    await db().decisionLog.update({ where: { id: rows[2]!.id }, data: { errorClass: 'model_error', degraded: true } });

    const own = await versionInsights(db(), { versionId: prod.id });
    expect(own.metrics).toMatchObject({ decisions: 20, timeouts: 2, modelErrors: 1, validationRejected: 0 });
    expect(own.series.reduce((n, p) => n + p.timeouts, 0)).toBe(2);
    expect(own.series.reduce((n, p) => n + p.modelErrors, 0)).toBe(1);
    expect(own.shadow).toBeNull();

    const s = await versionInsights(db(), { versionId: shadow.id });
    expect(s.shadow).toMatchObject({ modelVersionId: shadow.id, runs: 20, failures: 0, rankedPairs: 20 });
    expect(s.shadow!.rankCorrelation).toBeCloseTo(-1, 6);
    expect(s.shadow!.agreement).toBeCloseTo(1, 6); // same ten products, so top-10 overlap is total
    expect(s.shadow!.meanScoreDelta).toBeCloseTo(0.25, 6);
    expect(s.shadow!.meanAbsScoreDelta).toBeCloseTo(0.25, 6);
  });
});
