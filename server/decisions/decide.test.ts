import { beforeAll, describe, expect, it } from 'vitest';
import { useTestDatabase } from '@/server/db/testing';
import { InvalidError } from '@/server/errors';
import { makeModel, versionAt } from '@/server/modules/models/models.fixtures';
import { invalidateServingCache } from '@/server/modules/models/serving-versions';
import { decide } from './decide';
import './decisions.fixtures';
import { flushDecisionLog } from './decision-log';
import { shadowStats } from './run-shadows';

const getDb = useTestDatabase();
const db = () => getDb().prisma;

beforeAll(() => invalidateServingCache());

describe('decide() with no registry rows', () => {
  it('serves the kind built-in and logs one row with every field', async () => {
    const res = await decide(
      db(),
      'risk_score',
      'v_SUBJECT1',
      { cartCents: 12_000 },
      { requestId: 'req-1', policyVersion: 'pol@3' },
    );
    expect(res.output).toEqual({ score: null, action: 'review' });
    expect(res.telemetry).toMatchObject({
      modelVersion: 'risk_score@builtin',
      arm: 'builtin',
      degraded: false,
      confidence: 0,
    });
    expect(res.telemetry.decisionId).toMatch(/^dec_/);
    await flushDecisionLog();
    const row = await db().decisionLog.findUniqueOrThrow({ where: { id: res.telemetry.decisionId } });
    expect(row).toMatchObject({
      kind: 'risk_score',
      subjectKey: 'v_SUBJECT1',
      arm: 'builtin',
      modelVersionId: null,
      modelVersion: 'risk_score@builtin',
      servedVersion: 'risk_score@builtin',
      policyVersion: 'pol@3',
      output: { score: null, action: 'review' },
      confidence: 0,
      explanation: ['safe default: manual review'],
      degraded: false,
      errorClass: null,
      requestId: 'req-1',
    });
    expect(row.inputDigest).toMatch(/^[0-9a-f]{64}$/);
    expect(row.latencyMs).toBeGreaterThanOrEqual(0);
  });

  it('never stores an email or IP as the subject key', async () => {
    const res = await decide(db(), 'discount_offer', 'shopper@example.com', {}, {});
    await flushDecisionLog();
    const row = await db().decisionLog.findUniqueOrThrow({ where: { id: res.telemetry.decisionId } });
    expect(row.subjectKey).toMatch(/^h_[0-9a-f]{24}$/);
  });
});

describe('canary, shadows and fallback', () => {
  let production: { id: string };
  let canary: { id: string };

  beforeAll(async () => {
    const model = await makeModel(db(), 'risk_score');
    production = await versionAt(db(), {
      modelId: model.id,
      kind: 'risk_score',
      implementationKey: 'test.const',
      params: { value: 'A' },
      stage: 'production',
    });
    canary = await versionAt(db(), {
      modelId: model.id,
      kind: 'risk_score',
      implementationKey: 'test.const',
      params: { value: 'B' },
      stage: 'canary',
      share: 20,
    });
    invalidateServingCache();
  });

  it('assigns the canary to its share of 10k subjects, stickily', async () => {
    const arms: string[] = [];
    for (let i = 0; i < 10_000; i++) {
      const res = await decide<{ action: string }>(db(), 'risk_score', `v_subject_${i}`, { i }, { log: false });
      arms.push(res.output.action);
      expect(res.telemetry.arm).toBe(res.output.action === 'B' ? 'canary' : 'production');
    }
    const share = arms.filter((a) => a === 'B').length / arms.length;
    expect(share).toBeGreaterThan(0.18);
    expect(share).toBeLessThan(0.22);
    for (let i = 0; i < 500; i++) {
      const again = await decide<{ action: string }>(db(), 'risk_score', `v_subject_${i}`, { i: -i }, { log: false });
      expect(again.output.action).toBe(arms[i]);
    }
  }, 120_000);

  it('runs shadows after the response without changing the served output, failures invisible', async () => {
    const model = await makeModel(db(), 'risk_score');
    const good = await versionAt(db(), {
      modelId: model.id,
      kind: 'risk_score',
      implementationKey: 'test.const',
      params: { value: 'A' },
      stage: 'shadow',
    });
    const bad = await versionAt(db(), {
      modelId: model.id,
      kind: 'risk_score',
      implementationKey: 'test.throws',
      stage: 'shadow',
    });
    invalidateServingCache();
    const failuresBefore = shadowStats.failures;
    const subject = await subjectIn(db, 'production');
    const res = await decide<{ action: string }>(db(), 'risk_score', subject, { n: 1 });
    expect(res.output.action).toBe('A');
    expect(res.telemetry.degraded).toBe(false);
    await flushDecisionLog();
    expect(shadowStats.failures).toBe(failuresBefore + 1);
    const shadows = await db().decisionShadowResult.findMany({ where: { decisionId: res.telemetry.decisionId } });
    const byVersion = new Map(shadows.map((s) => [s.modelVersionId, s]));
    expect(byVersion.get(good.id)).toMatchObject({ agreement: 1, errorClass: null, output: { action: 'A' } });
    expect(byVersion.get(bad.id)).toMatchObject({ agreement: null, errorClass: 'model_error', output: null });
    const row = await db().decisionLog.findUniqueOrThrow({ where: { id: res.telemetry.decisionId } });
    expect(row.output).toEqual({ action: 'A', score: 0.5 });
    // Retire them so later tests see only production and canary.
    await db().modelVersion.updateMany({ where: { id: { in: [good.id, bad.id] } }, data: { stage: 'retired' } });
    invalidateServingCache();
  });

  it('falls back to production and marks the decision degraded when the canary times out', async () => {
    await db().modelVersion.update({
      where: { id: canary.id },
      data: { implementationKey: 'test.slow', params: { ms: 300 } },
    });
    invalidateServingCache();
    const subject = await subjectIn(db, 'canary');
    const started = performance.now();
    const res = await decide<{ action: string }>(db(), 'risk_score', subject, { n: 2 }, { budgetMs: 30 });
    expect(performance.now() - started).toBeLessThan(250);
    expect(res.output.action).toBe('A');
    expect(res.telemetry).toMatchObject({ arm: 'canary', degraded: true });
    expect(res.telemetry.modelVersion).toMatch(/@v1$/);
    await flushDecisionLog();
    const row = await db().decisionLog.findUniqueOrThrow({ where: { id: res.telemetry.decisionId } });
    expect(row).toMatchObject({ modelVersionId: canary.id, errorClass: 'timeout', degraded: true });
    expect(row.errorMessage).toContain('30 ms budget');
  });

  it('falls back to the safe default when production itself fails', async () => {
    await db().modelVersion.update({ where: { id: production.id }, data: { implementationKey: 'test.throws' } });
    invalidateServingCache();
    const subject = await subjectIn(db, 'production');
    const res = await decide(db(), 'risk_score', subject, {});
    expect(res.output).toEqual({ score: null, action: 'review' });
    expect(res.telemetry).toMatchObject({ degraded: true, modelVersion: 'risk_score@builtin' });
    await db().modelVersion.update({ where: { id: production.id }, data: { implementationKey: 'test.const' } });
    invalidateServingCache();
  });

  it('passes rejected input back to the caller: logged as validation, no fallback, not degraded', async () => {
    const subject = await subjectIn(db, 'production');
    await db().modelVersion.update({ where: { id: production.id }, data: { implementationKey: 'test.rejects' } });
    invalidateServingCache();
    const err = await decide(db(), 'risk_score', subject, { cartCents: -1 }, { requestId: 'req-bad' }).catch(
      (e: unknown) => e,
    );
    expect(err).toBeInstanceOf(InvalidError);
    await flushDecisionLog();
    const row = await db().decisionLog.findFirstOrThrow({ where: { requestId: 'req-bad' } });
    expect(row).toMatchObject({
      errorClass: 'validation',
      degraded: false,
      output: null,
      servedVersion: row.modelVersion,
    });
    await db().modelVersion.update({ where: { id: production.id }, data: { implementationKey: 'test.const' } });
    invalidateServingCache();
  });
});

/** A subject the current risk_score canary does (or does not) take. */
async function subjectIn(
  db: () => ReturnType<ReturnType<typeof useTestDatabase>>['prisma'],
  arm: 'canary' | 'production',
): Promise<string> {
  for (let i = 0; i < 1000; i++) {
    const res = await decide(db(), 'risk_score', `v_probe_${i}`, {}, { log: false, budgetMs: 5 });
    if (res.telemetry.arm === arm) return `v_probe_${i}`;
  }
  throw new Error(`no ${arm} subject found`);
}
