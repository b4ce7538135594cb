import { beforeAll, describe, expect, it } from 'vitest';
import { useTestDatabase } from '@/server/db/testing';
import { DomainError } from '@/server/errors';
import { approveVersion } from './approve-version';
import { createModelVersion } from './create-model';
import { recordEvaluation } from './evaluation-gate';
import { setRequireTwoApprovers } from './model-settings';
import { makeModel, versionAt } from './models.fixtures';
import { promoteVersion, setCanaryShare } from './promote-version';
import { rollbackVersion } from './rollback-version';
import { getServingVersions, invalidateServingCache } from './serving-versions';

const getDb = useTestDatabase();
const db = () => getDb().prisma;

/** Runs `fn`, expecting a DomainError with `code` whose message matches `message`. */
async function refused(fn: () => Promise<unknown>, code: DomainError['code'], message: RegExp) {
  const err = await fn().then(
    () => null,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(DomainError);
  expect((err as DomainError).code).toBe(code);
  expect((err as DomainError).message).toMatch(message);
}

async function snapshot(versionId: string) {
  return {
    version: await db().modelVersion.findUniqueOrThrow({
      where: { id: versionId },
      select: { stage: true, canaryShare: true },
    }),
    changes: await db().modelStageChange.count({ where: { versionId } }),
    audits: await db().auditEvent.count({ where: { entityId: versionId } }),
  };
}

describe('model registry governance', () => {
  let modelId: string;
  beforeAll(async () => {
    modelId = (await makeModel(db(), 'search_ranking')).id;
  });

  it('rejects unknown versions and search params that point at no ranking version', async () => {
    await refused(
      () => promoteVersion(db(), { versionId: 'mver_nope', to: 'shadow', actor: 'a' }),
      'NOT_FOUND',
      /model version mver_nope was not found/,
    );
    await refused(
      () =>
        createModelVersion(db(), {
          modelId,
          implementationKey: 'search.hybrid',
          params: { rankingVersion: 42 },
          actor: 'a',
        }),
      'NOT_FOUND',
      /ranking version 42/,
    );
    await refused(
      () =>
        createModelVersion(db(), { modelId, implementationKey: 'search.hybrid', params: { ranking: 'x' }, actor: 'a' }),
      'INVALID',
      /rankingVersion/,
    );
  });

  it('refuses illegal stage jumps and changes nothing', async () => {
    const v = await createModelVersion(db(), {
      modelId,
      implementationKey: 'search.hybrid',
      params: { rankingVersion: 0 },
      actor: 'author',
    });
    const before = await snapshot(v.id);
    await refused(
      () => promoteVersion(db(), { versionId: v.id, to: 'production', actor: 'author' }),
      'CONFLICT',
      /cannot move from draft to production/,
    );
    await refused(
      () => promoteVersion(db(), { versionId: v.id, to: 'canary', actor: 'author' }),
      'CONFLICT',
      /cannot move from draft to canary/,
    );
    expect(await snapshot(v.id)).toEqual(before);
  });

  it('blocks canary without an evaluation, without approval, and with a share outside 0–100', async () => {
    const v = await createModelVersion(db(), {
      modelId,
      implementationKey: 'search.hybrid',
      params: { rankingVersion: 0 },
      actor: 'author',
    });
    await promoteVersion(db(), { versionId: v.id, to: 'shadow', actor: 'author' });
    const before = await snapshot(v.id);
    await refused(
      () => promoteVersion(db(), { versionId: v.id, to: 'canary', actor: 'author' }),
      'INVALID',
      /has no offline evaluation/,
    );
    await recordEvaluation(db(), {
      versionId: v.id,
      evaluation: { dataset: 'wands', metrics: { 'mrr@10': 0.4 } },
      actor: 'author',
    });
    await refused(
      () => promoteVersion(db(), { versionId: v.id, to: 'canary', actor: 'author' }),
      'INVALID',
      /lacks ndcg@10/,
    );
    await recordEvaluation(db(), {
      versionId: v.id,
      evaluation: { dataset: 'wands', metrics: { 'ndcg@10': 0.61 } },
      actor: 'author',
    });
    await refused(
      () => promoteVersion(db(), { versionId: v.id, to: 'canary', actor: 'author' }),
      'CONFLICT',
      /needs 1 approval for canary; it has 0/,
    );
    await approveVersion(db(), { versionId: v.id, targetStage: 'canary', actor: 'reviewer' });
    await refused(
      () => promoteVersion(db(), { versionId: v.id, to: 'canary', canaryShare: 101, actor: 'author' }),
      'INVALID',
      /between 0 and 100, got 101/,
    );
    await refused(
      () => setCanaryShare(db(), { versionId: v.id, share: 5, actor: 'author' }),
      'CONFLICT',
      /not a canary/,
    );
    const after = await snapshot(v.id);
    expect(after.version).toEqual(before.version);
    expect(after.changes).toBe(before.changes);

    await promoteVersion(db(), { versionId: v.id, to: 'canary', canaryShare: 5, actor: 'author' });
    await setCanaryShare(db(), { versionId: v.id, share: 25, actor: 'author' });
    await refused(() => setCanaryShare(db(), { versionId: v.id, share: -1, actor: 'author' }), 'INVALID', /got -1/);
    expect((await snapshot(v.id)).version).toEqual({ stage: 'canary', canaryShare: 25 });
    await rollbackVersion(db(), { versionId: v.id, actor: 'author', reason: 'test cleanup' });
  });

  it('a console promotion that lacks approvals files one sign-off request in the review queue', async () => {
    const v = await createModelVersion(db(), { modelId, implementationKey: 'search.hybrid', params: { rankingVersion: 0 }, actor: 'author' });
    await promoteVersion(db(), { versionId: v.id, to: 'shadow', actor: 'author' });
    await recordEvaluation(db(), { versionId: v.id, evaluation: { dataset: 'wands', metrics: { 'ndcg@10': 0.61 } }, actor: 'author' });
    const who = { fileApprovalRequest: { id: 'stf_author', email: 'author@luma.example' } };
    const attempt = () =>
      promoteVersion(db(), { versionId: v.id, to: 'canary', actor: 'stf_author' }, who).then(
        () => { throw new Error('promoted without approvals'); },
        (e: unknown) => e as DomainError,
      );
    const first = await attempt();
    expect(first.code).toBe('CONFLICT');
    expect(first.message).toMatch(/needs 1 approval for canary; it has 0\. A sign-off request is waiting in Console → Reviews\./);
    // Trying again while it is unanswered points at the same item.
    expect((await attempt()).details.reviewId).toBe(first.details.reviewId);
    const items = await db().reviewItem.findMany({ where: { kind: 'model_approval' } });
    expect(items.filter((i) => String(i.subjectId).startsWith(`${v.id}:canary:`)).map((i) => i.id)).toEqual([first.details.reviewId]);
    expect((await snapshot(v.id)).version.stage).toBe('shadow');
    // Without the console's actor (scripts, experiments shipping) nothing is filed.
    await refused(() => promoteVersion(db(), { versionId: v.id, to: 'canary', actor: 'script' }), 'CONFLICT', /it has 0$/);
  });

  it('gates production on not regressing production nDCG@10', async () => {
    invalidateServingCache();
    const first = await versionAt(db(), {
      modelId,
      kind: 'search_ranking',
      implementationKey: 'search.hybrid',
      params: { rankingVersion: 0 },
      stage: 'production',
      metric: 0.6,
    });
    const worse = await versionAt(db(), {
      modelId,
      kind: 'search_ranking',
      implementationKey: 'search.hybrid',
      params: { rankingVersion: 0 },
      stage: 'shadow',
      metric: 0.55,
    });
    await approveVersion(db(), { versionId: worse.id, targetStage: 'canary', actor: 'reviewer' });
    await refused(
      () => promoteVersion(db(), { versionId: worse.id, to: 'canary', actor: 'author' }),
      'INVALID',
      /ndcg@10 0.55 is worse than production's 0.6/,
    );
    expect((await getServingVersions(db(), 'search_ranking')).production?.id).toBe(first.id);
  });

  it('with two approvers required: no self-approval, two distinct approvers for production', async () => {
    await setRequireTwoApprovers(db(), { requireTwoApprovers: true, actor: 'owner' });
    try {
      const v = await versionAt(db(), {
        modelId,
        kind: 'search_ranking',
        implementationKey: 'search.hybrid',
        params: { rankingVersion: 0 },
        stage: 'canary',
        metric: 0.7,
      });
      await refused(
        () => approveVersion(db(), { versionId: v.id, targetStage: 'production', actor: 'author' }),
        'FORBIDDEN',
        /creator .* cannot approve/,
      );
      await approveVersion(db(), { versionId: v.id, targetStage: 'production', actor: 'reviewer' });
      await approveVersion(db(), { versionId: v.id, targetStage: 'production', actor: 'reviewer' });
      await refused(
        () => promoteVersion(db(), { versionId: v.id, to: 'production', actor: 'author' }),
        'CONFLICT',
        /needs 2 approvals for production other than its creator; it has 1/,
      );
      await approveVersion(db(), { versionId: v.id, targetStage: 'production', actor: 'second-reviewer' });
      await promoteVersion(db(), { versionId: v.id, to: 'production', actor: 'author' });
      expect((await snapshot(v.id)).version.stage).toBe('production');
    } finally {
      await setRequireTwoApprovers(db(), { requireTwoApprovers: false, actor: 'owner' });
    }
  });

  it('rolls production back to the previous production version in one call, effective immediately', async () => {
    const serving = await getServingVersions(db(), 'search_ranking');
    const current = serving.production!;
    const previous = serving.lastKnownGood!;
    const res = await rollbackVersion(db(), { versionId: current.id, actor: 'oncall', reason: 'CTR dropped' });
    expect(res).toEqual({ versionId: current.id, from: 'production', to: 'retired', restoredVersionId: previous.id });
    const now = await getServingVersions(db(), 'search_ranking');
    expect(now.production?.id).toBe(previous.id);
    const history = await db().modelStageChange.findFirstOrThrow({
      where: { versionId: current.id },
      orderBy: { createdAt: 'desc' },
    });
    expect(history).toMatchObject({
      fromStage: 'production',
      toStage: 'retired',
      actor: 'oncall',
      reason: 'CTR dropped',
    });
    await refused(
      () => rollbackVersion(db(), { versionId: current.id, actor: 'oncall', reason: '' }),
      'CONFLICT',
      /only a canary or production/,
    );
  });

  it('audits every stage change', async () => {
    const changes = await db().modelStageChange.findMany({
      select: { versionId: true, toStage: true, createdAt: true },
    });
    const audits = await db().auditEvent.findMany({
      where: {
        entity: 'model_version',
        action: {
          in: [
            'model_version.stage_change',
            'model_version.canary_share',
            'model_version.rollback',
            'model_version.restore',
          ],
        },
      },
      select: { entityId: true, after: true, actor: true, before: true },
    });
    expect(changes.length).toBeGreaterThan(10);
    expect(audits).toHaveLength(changes.length);
    for (const c of changes) {
      expect(audits.some((a) => a.entityId === c.versionId && (a.after as { stage: string }).stage === c.toStage)).toBe(
        true,
      );
    }
  });
});
