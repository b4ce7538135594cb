// Shipping a model arm goes through model governance: without approvals the shipment is left
// pending with the reason (audited); once approvals are in, a retry walks the version to
// production and retires the one it replaces.
import { describe, expect, it } from 'vitest';
import { useTestDatabase } from '@/server/db/testing';
import { approveVersion } from '@/server/modules/models/approve-version';
import { makeModel, versionAt } from '@/server/modules/models/models.fixtures';
import { startExperiment } from './change-status';
import { createExperiment } from './create-experiment';
import { getExperiment } from './read-experiments';
import { recordDecision } from './record-decision';
import { shipDecision } from './ship-decision';

const getDb = useTestDatabase();
const db = () => getDb().prisma;

async function experimentBetween(prodId: string, candidateId: string, key: string) {
  const { id } = await createExperiment(db(), {
    key,
    name: 'ranking',
    hypothesis: 'h',
    layer: key,
    arms: [
      { key: 'control', modelVersionId: prodId, allocation: 50 },
      { key: 'treatment', modelVersionId: candidateId, allocation: 50 },
    ],
    primaryMetric: 'conversion_rate',
    baselineRate: 0.3,
    mde: 0.1,
    actor: 'merchant',
  });
  await startExperiment(db(), { experimentId: id, actor: 'merchant' });
  return id;
}

describe('ship the winner', () => {
  it('leaves the shipment pending while approvals are missing, then promotes to production on retry', async () => {
    const model = await makeModel(db(), 'search_ranking');
    const base = { modelId: model.id, kind: 'search_ranking' as const, implementationKey: 'test.const', params: { rankingVersion: 0 } };
    const prod = await versionAt(db(), { ...base, stage: 'production' });
    const candidate = await versionAt(db(), { ...base, stage: 'shadow', metric: 0.6 });
    const id = await experimentBetween(prod.id, candidate.id, 'ship-model');

    const first = await recordDecision(db(), { experimentId: id, arm: 'treatment', actor: 'merchant' });
    expect(first.ship.state).toBe('pending');
    expect(first.ship.reached).toBe('shadow');
    expect(first.ship.blockedBy).toMatch(/cannot move to canary: .*needs 1 approval for canary/);
    expect((await getExperiment(db(), id)).ship).toMatchObject({ state: 'pending' });
    const pending = await db().auditEvent.findFirstOrThrow({ where: { entityId: id, action: 'experiment.ship_pending' } });
    expect(pending.actor).toBe('merchant');

    await approveVersion(db(), { versionId: candidate.id, targetStage: 'canary', actor: 'reviewer' });
    await approveVersion(db(), { versionId: candidate.id, targetStage: 'production', actor: 'reviewer' });
    const retry = await shipDecision(db(), { experimentId: id, actor: 'merchant' });
    expect(retry).toMatchObject({ state: 'shipped', reached: 'production', blockedBy: null });
    const stages = await db().modelVersion.findMany({ where: { id: { in: [prod.id, candidate.id] } }, select: { id: true, stage: true } });
    expect(Object.fromEntries(stages.map((s) => [s.id, s.stage]))).toEqual({ [prod.id]: 'retired', [candidate.id]: 'production' });
    const changes = await db().modelStageChange.findMany({ where: { versionId: candidate.id }, orderBy: { createdAt: 'asc' } });
    expect(changes.map((c) => c.toStage).slice(-2)).toEqual(['canary', 'production']);
    expect(changes.at(-1)!.reason).toBe('experiment ship-model: ship arm treatment');
    expect(await db().auditEvent.count({ where: { entityId: id, action: 'experiment.ship' } })).toBe(1);
    // Shipping again is a no-op returning the recorded outcome.
    expect((await shipDecision(db(), { experimentId: id, actor: 'merchant' })).state).toBe('shipped');
  });

  it('ships control as nothing to do when it is already production, and refuses shipping an undecided experiment', async () => {
    const model = await makeModel(db(), 'search_ranking');
    const base = { modelId: model.id, kind: 'search_ranking' as const, implementationKey: 'test.const', params: { rankingVersion: 0 } };
    const prod = await versionAt(db(), { ...base, stage: 'production', metric: 0.7 });
    const draft = await versionAt(db(), { ...base, stage: 'draft' });
    const id = await experimentBetween(prod.id, draft.id, 'ship-control');
    await expect(shipDecision(db(), { experimentId: id, actor: 'merchant' })).rejects.toMatchObject({ code: 'CONFLICT' });
    const r = await recordDecision(db(), { experimentId: id, arm: 'control', actor: 'merchant' });
    expect(r.ship).toMatchObject({ state: 'nothing_to_do', reached: 'production' });
    await expect(recordDecision(db(), { experimentId: id, arm: 'control', actor: 'merchant' })).rejects.toMatchObject({
      code: 'CONFLICT',
    });
  });
});
