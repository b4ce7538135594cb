// The nightly evaluation gate on a real database: the rebuild registers a recommendation
// version with its offline results, and the models gate refuses to promote one that is worse
// than production on recall@10.
import { beforeAll, describe, expect, it } from 'vitest';
import { useTestDatabase } from '@/server/db/testing';
import { DomainError } from '@/server/errors';
import { approveVersion } from '@/server/modules/models/approve-version';
import { recordEvaluation } from '@/server/modules/models/evaluation-gate';
import { versionAt } from '@/server/modules/models/models.fixtures';
import { promoteVersion } from '@/server/modules/models/promote-version';
import { invalidateServingCache } from '@/server/modules/models/serving-versions';
import { invalidateCatalog } from './catalog-snapshot';
import { RECS_IMPLEMENTATION } from './engine';
import { LIVING_ROOM, seedLivingRoom } from './recs.fixtures';
import { evaluateAndRegister as evaluate, type NightlyRegistration } from './register-nightly-version';

/** The nightly step on a catalog big enough to evaluate: always a registration here. */
async function evaluateAndRegister(...args: Parameters<typeof evaluate>): Promise<NightlyRegistration> {
  const out = await evaluate(...args);
  if ('skipped' in out) throw new Error(out.skipped);
  return out;
}

const getDb = useTestDatabase();
const db = () => getDb().prisma;

beforeAll(async () => {
  // Enough products per category for the simulator (it needs five per category).
  const more = LIVING_ROOM.filter((p) => !p.stock && !p.status).flatMap((p) =>
    [1, 2].map((n) => ({ ...p, key: `${p.key}-${n}`, title: `${p.title} ${n}`, priceCents: p.priceCents + n * 1_000 })),
  );
  await seedLivingRoom(db(), [...LIVING_ROOM, ...more]);
  invalidateCatalog(db());
});

async function refusedPromotion(versionId: string) {
  await promoteVersion(db(), { versionId, to: 'shadow', actor: 'author' });
  await approveVersion(db(), { versionId, targetStage: 'canary', actor: 'reviewer' });
  return promoteVersion(db(), { versionId, to: 'canary', canaryShare: 5, actor: 'author' }).then(
    () => null,
    (e: unknown) => e,
  );
}

describe('nightly recommendation versions behind the evaluation gate', () => {
  it('registers a draft version of the serving algorithm with its offline evaluation (simulated while traffic is thin)', async () => {
    const out = await evaluateAndRegister(db(), { now: new Date('2026-11-27T02:30:00Z') });
    expect(out).toMatchObject({ modelKey: 'recs-blend', version: 2, algorithm: 'blend' });
    expect(out.dataset).toMatch(/^simulated shopper log/);
    const v = await db().modelVersion.findUniqueOrThrow({ where: { id: out.versionId } });
    expect(v).toMatchObject({ kind: 'recommendation', stage: 'draft', implementationKey: RECS_IMPLEMENTATION });
    const metrics = (v.evaluation as { metrics: Record<string, number> }).metrics;
    expect(metrics['recall@10']).toBe(out.metrics['recall@10']);
    expect(metrics['recall@10']).toBeGreaterThan(0);
    expect(metrics['recall@10']).toBeLessThanOrEqual(1);
    expect(metrics.shoppers).toBeGreaterThan(10);
    // The personal blend beats best-sellers on the same split.
    expect(metrics['hit_rate@10']).toBeGreaterThan(metrics['baseline_hit_rate@10']!);
    expect(v.trainingDataRef).toBe('events:2026-08-29T02:30:00.000Z..2026-11-27T02:30:00.000Z');
  });

  it('registers nothing when there is no one to evaluate on', async () => {
    const before = await db().modelVersion.count();
    // No events in the window, and minShoppers 0 means no simulated fallback.
    const out = await evaluate(db(), { now: new Date('2030-01-01T00:00:00Z'), minShoppers: 0 });
    expect(out).toEqual({ skipped: 'no shoppers to evaluate on, real or simulated' });
    expect(await db().modelVersion.count()).toBe(before);
  });

  it('refuses to promote a version whose recall@10 is worse than production, and allows a better one', async () => {
    const model = await db().model.findUniqueOrThrow({ where: { key: 'recs-cooccurrence' }, select: { id: true } });
    await versionAt(db(), { modelId: model.id, kind: 'recommendation', implementationKey: RECS_IMPLEMENTATION, params: { algorithm: 'cooccurrence' }, stage: 'production', metric: 0.99 });
    invalidateServingCache();
    // Production is now the co-occurrence model: tonight's version is of that model, with its params.
    const worse = await evaluateAndRegister(db(), { now: new Date('2026-11-28T02:30:00Z') });
    expect(worse).toMatchObject({ modelKey: 'recs-cooccurrence', algorithm: 'cooccurrence' });
    expect(worse.metrics['recall@10']).toBeLessThan(0.99);
    const err = await refusedPromotion(worse.versionId);
    expect(err).toBeInstanceOf(DomainError);
    expect((err as Error).message).toMatch(/recall@10 .* is worse than production's 0.99/);
    expect((await db().modelVersion.findUniqueOrThrow({ where: { id: worse.versionId } })).stage).toBe('shadow');

    const better = await evaluateAndRegister(db(), { now: new Date('2026-11-29T02:30:00Z') });
    await recordEvaluation(db(), {
      versionId: better.versionId,
      actor: 'author',
      evaluation: { dataset: 'rerun', metrics: { 'recall@10': 0.995 } },
    });
    expect(await refusedPromotion(better.versionId)).toBeNull();
  });
});
