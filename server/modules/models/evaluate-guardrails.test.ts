import { describe, expect, it } from 'vitest';
import { useTestDatabase } from '@/server/db/testing';
import { decide } from '@/server/decisions/decide';
import '@/server/decisions/decisions.fixtures';
import { flushDecisionLog } from '@/server/decisions/decision-log';
import { evaluateGuardrails, GUARDRAIL_ACTOR } from './evaluate-guardrails';
import { makeModel, versionAt } from './models.fixtures';
import { getServingVersions, invalidateServingCache } from './serving-versions';

const getDb = useTestDatabase();
const db = () => getDb().prisma;

describe('evaluateGuardrails', () => {
  it('rolls a canary back when injected errors break its error-rate guardrail, and records why', async () => {
    invalidateServingCache();
    const model = await makeModel(db(), 'recommendation', { maxErrorRate: 0.05, minDecisions: 20, windowMinutes: 10 });
    await versionAt(db(), {
      modelId: model.id,
      kind: 'recommendation',
      implementationKey: 'test.const',
      params: { value: 'prod' },
      stage: 'production',
    });
    const canary = await versionAt(db(), {
      modelId: model.id,
      kind: 'recommendation',
      implementationKey: 'test.const',
      params: { value: 'new' },
      stage: 'canary',
      share: 50,
    });

    // Healthy first: the guardrail holds and nothing changes.
    for (let i = 0; i < 200; i++) await decide(db(), 'recommendation', `v_g_${i}`, {});
    await flushDecisionLog();
    const healthy = await evaluateGuardrails(db(), 'recommendation');
    expect(healthy.canary).toMatchObject({
      versionId: canary.id,
      breaches: [],
      rolledBack: false,
      insufficientData: false,
    });
    expect(healthy.canary!.metrics!.decisions).toBeGreaterThan(70);

    // Inject errors: every canary call now throws; shoppers still get production's answer.
    await db().modelVersion.update({ where: { id: canary.id }, data: { implementationKey: 'test.throws' } });
    invalidateServingCache();
    for (let i = 0; i < 200; i++) {
      const res = await decide<{ action: string }>(db(), 'recommendation', `v_g_${i}`, {});
      expect(res.output.action).toBe('prod');
    }
    await flushDecisionLog();
    const report = await evaluateGuardrails(db(), 'recommendation');
    expect(report.canary!.rolledBack).toBe(true);
    expect(report.canary!.breaches[0]).toMatch(/^error rate \d+\.\d% > 5\.0%$/);

    const version = await db().modelVersion.findUniqueOrThrow({ where: { id: canary.id } });
    expect(version).toMatchObject({ stage: 'shadow', canaryShare: 0 });
    expect((await getServingVersions(db(), 'recommendation')).canary).toBeNull();
    const change = await db().modelStageChange.findFirstOrThrow({
      where: { versionId: canary.id, toStage: 'shadow' },
      orderBy: { createdAt: 'desc' },
    });
    expect(change).toMatchObject({ fromStage: 'canary', actor: GUARDRAIL_ACTOR });
    expect(change.reason).toMatch(/guardrail breach .* error rate/);
    const audit = await db().auditEvent.findFirstOrThrow({
      where: { entityId: canary.id, action: 'model_version.rollback' },
    });
    expect(audit).toMatchObject({ actor: GUARDRAIL_ACTOR, reason: change.reason });
    const alert = await db().modelAlert.findFirstOrThrow({ where: { versionId: canary.id } });
    expect(alert).toMatchObject({ kind: 'recommendation', type: 'guardrail_rollback', message: change.reason });

    // Nothing left to roll back.
    expect((await evaluateGuardrails(db(), 'recommendation')).canary).toBeNull();
  });

  it('alerts on score drift between the launch window and the last window', async () => {
    invalidateServingCache();
    const model = await makeModel(db(), 'discount_offer', { minDecisions: 50, windowMinutes: 10, maxScorePsi: 0.25 });
    const v = await versionAt(db(), {
      modelId: model.id,
      kind: 'discount_offer',
      implementationKey: 'test.echo-score',
      stage: 'production',
    });
    const launched = new Date(Date.now() - 60 * 60_000);
    await db().modelVersion.update({ where: { id: v.id }, data: { stageChangedAt: launched } });
    // Launch window: uniform scores; recent window: squeezed towards 1.
    for (let i = 0; i < 200; i++) await decide(db(), 'discount_offer', `v_d_${i}`, { x: (i % 100) / 100 });
    await flushDecisionLog();
    await db().decisionLog.updateMany({
      where: { modelVersionId: v.id },
      data: { createdAt: new Date(launched.getTime() + 60_000) },
    });
    const stable = await evaluateGuardrails(db(), 'discount_offer');
    expect(stable.drift).toEqual([{ versionId: v.id, psi: 0, alerted: false }]);

    for (let i = 0; i < 200; i++) await decide(db(), 'discount_offer', `v_d_${i}`, { x: 0.8 + (i % 100) / 500 });
    await flushDecisionLog();
    const drifted = await evaluateGuardrails(db(), 'discount_offer');
    expect(drifted.drift[0]!.alerted).toBe(true);
    expect(drifted.drift[0]!.psi).toBeGreaterThan(1);
    const alert = await db().modelAlert.findFirstOrThrow({ where: { versionId: v.id, type: 'score_drift' } });
    expect(alert.message).toMatch(/^score drift on discount-offer-\d+@v1: PSI \d+\.\d{3} > 0\.25$/);
    // Drift alerts; it does not roll back.
    expect((await db().modelVersion.findUniqueOrThrow({ where: { id: v.id } })).stage).toBe('production');
  });

  it('steps a healthy canary up to the next share once it has served a whole window', async () => {
    invalidateServingCache();
    const model = await makeModel(db(), 'risk_score', { autoAdvance: true, minDecisions: 20, windowMinutes: 5, canarySteps: [5, 25, 100] });
    await versionAt(db(), { modelId: model.id, kind: 'risk_score', implementationKey: 'test.const', params: { value: 'prod' }, stage: 'production' });
    const canary = await versionAt(db(), { modelId: model.id, kind: 'risk_score', implementationKey: 'test.const', params: { value: 'new' }, stage: 'canary', share: 5 });
    for (let i = 0; i < 600; i++) await decide(db(), 'risk_score', `v_a_${i}`, {});
    await flushDecisionLog();

    // Healthy, but the 5% step has not served a whole window yet.
    expect((await evaluateGuardrails(db(), 'risk_score')).canary).toMatchObject({ breaches: [], advancedTo: null });
    const later = new Date(Date.now() + 6 * 60_000);
    await db().decisionLog.updateMany({ where: { modelVersionId: canary.id }, data: { createdAt: new Date(later.getTime() - 60_000) } });
    const report = await evaluateGuardrails(db(), 'risk_score', { now: later });
    expect(report.canary).toMatchObject({ breaches: [], rolledBack: false, advancedTo: 25 });
    expect(await db().modelVersion.findUniqueOrThrow({ where: { id: canary.id } })).toMatchObject({ stage: 'canary', canaryShare: 25 });
    const step = await db().modelStageChange.findFirstOrThrow({ where: { versionId: canary.id, canaryShare: 25 } });
    expect(step).toMatchObject({ actor: GUARDRAIL_ACTOR, fromStage: 'canary', toStage: 'canary' });
    expect(step.reason).toMatch(/^guardrails held over \d+ decisions: canary 5% → 25%$/);
  });
});
