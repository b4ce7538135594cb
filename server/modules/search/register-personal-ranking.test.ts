import { describe, expect, it } from 'vitest';
import { useTestDatabase } from '@/server/db/testing';
import { DomainError } from '@/server/errors';
import { approveVersion } from '@/server/modules/models/approve-version';
import { makeModel, versionAt } from '@/server/modules/models/models.fixtures';
import { promoteVersion } from '@/server/modules/models/promote-version';
import { PERSONAL_MODEL_KEY, registerPersonalRanking } from './register-personal-ranking';

const getDb = useTestDatabase();
const db = () => getDb().prisma;
const report = (personal: number, base: number, hit = 0.5) => ({
  k: 10,
  searches: 120,
  withHistory: 80,
  personalized: { ndcg: personal, hitRate: hit },
  unpersonalized: { ndcg: base, hitRate: 0.5 },
});

describe('the offline eval gate for personalized search', () => {
  it('registers nothing when personalization does not beat the unpersonalized ranking', async () => {
    const worse = await registerPersonalRanking(db(), report(0.3, 0.31), { dataset: 'test replay' });
    expect(worse).toMatchObject({ registered: false });
    expect((worse as { reason: string }).reason).toMatch(/does not beat unpersonalized 0.31/);
    // Better nDCG but fewer hits is not a win either.
    expect(await registerPersonalRanking(db(), report(0.4, 0.31, 0.45), { dataset: 'test replay' })).toMatchObject({
      registered: false,
    });
    expect(await db().model.count({ where: { key: PERSONAL_MODEL_KEY } })).toBe(0);
  });

  it('registers a draft search.personalized version with the replay as its evaluation when it wins', async () => {
    const out = await registerPersonalRanking(db(), report(0.42, 0.35, 0.6), { dataset: 'test replay' });
    expect(out).toMatchObject({ registered: true, version: 1, rankingVersion: 0 });
    const v = await db().modelVersion.findUniqueOrThrow({ where: { id: (out as { versionId: string }).versionId } });
    expect(v).toMatchObject({ kind: 'search_ranking', stage: 'draft', implementationKey: 'search.personalized' });
    expect(v.params).toEqual({ rankingVersion: 0 });
    expect(v.evaluation).toMatchObject({
      dataset: 'test replay',
      metrics: { 'ndcg@10': 0.42, 'baseline_ndcg@10': 0.35, 'hit_rate@10': 0.6, searches: 80 },
    });
    // A second winning replay is a second version of the same model.
    const again = await registerPersonalRanking(db(), report(0.43, 0.35, 0.6), { dataset: 'test replay' });
    expect(again).toMatchObject({ registered: true, version: 2 });
  });

  it('cannot be promoted past a production ranking with a better recorded nDCG@10', async () => {
    const prod = await makeModel(db(), 'search_ranking');
    await versionAt(db(), { modelId: prod.id, kind: 'search_ranking', implementationKey: 'search.hybrid', params: { rankingVersion: 0 }, stage: 'production', metric: 0.9 });
    const out = await registerPersonalRanking(db(), report(0.5, 0.4, 0.6), { dataset: 'test replay' });
    const versionId = (out as { versionId: string }).versionId;
    await promoteVersion(db(), { versionId, to: 'shadow', actor: 'author' });
    await approveVersion(db(), { versionId, targetStage: 'canary', actor: 'reviewer' });
    const err = await promoteVersion(db(), { versionId, to: 'canary', canaryShare: 5, actor: 'author' }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(DomainError);
    expect((err as Error).message).toMatch(/ndcg@10 0.5 is worse than production's 0.9/);
  });
});
