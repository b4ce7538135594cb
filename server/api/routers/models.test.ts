import { TRPCError } from '@trpc/server';
import { describe, expect, it } from 'vitest';
import { useTestDatabase } from '@/server/db/testing';
import { flushDecisionLog } from '@/server/decisions/decision-log';
import { invalidateServingCache } from '@/server/modules/models/serving-versions';
import { staffAs } from '@/server/modules/auth/testing';
import { createContext } from '../init';
import { createCaller } from '../root';

const getDb = useTestDatabase();
// 'ana' does the work; 'ben' approves (the approver recorded is the signed-in staff id).
const caller = (requestId = 'req-models-1', staffId = 'ana') =>
  createCaller(
    createContext({
      headers: new Headers({ 'x-request-id': requestId, cookie: 'luma_sid=v_01JABCDEFGHJKMNPQRSTVWXYZ0' }),
      db: getDb().prisma,
      staff: staffAs('owner', staffId),
    }),
  );

async function rejection(promise: Promise<unknown>): Promise<TRPCError> {
  const err = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(TRPCError);
  return err as TRPCError;
}

describe('models router', () => {
  it('takes a search ranking version to a 100% canary that ranks search, then rolls it back', async () => {
    invalidateServingCache();
    const before = await caller('req-before').search.query({ q: 'sofa' });
    expect(before.telemetry).toMatchObject({ modelVersion: 'search_ranking@builtin', rankingVersion: 0 });
    expect(before.telemetry.decisionId).toMatch(/^dec_/);

    const model = await caller().models.createModel({
      key: 'ranking',
      name: 'Search ranking',
      kind: 'search_ranking',
      owner: 'search-team',
    });
    const v = await caller().models.createVersion({
      modelId: model.id,
      implementationKey: 'search.hybrid',
      params: { rankingVersion: 0 },
    });
    await caller().models.evaluate({
      versionId: v.id,
      evaluation: { dataset: 'wands-heldout', metrics: { 'ndcg@10': 0.64 } },
    });
    await caller().models.promote({ versionId: v.id, to: 'shadow' });
    await caller('req-models-1', 'ben').models.approve({ versionId: v.id, targetStage: 'canary' });

    const bad = await rejection(caller().models.promote({ versionId: v.id, to: 'canary', canaryShare: 150 }));
    expect(bad.code).toBe('BAD_REQUEST');
    expect(bad.message).toContain('canaryShare');
    const jump = await rejection(
      caller()
        .models.promote({ versionId: v.id, to: 'retired' })
        .then(() => caller().models.promote({ versionId: v.id, to: 'canary' })),
    );
    expect(jump.code).toBe('CONFLICT');
    expect(jump.message).toBe('ranking@v1 cannot move from retired to canary');

    const v2 = await caller().models.createVersion({
      modelId: model.id,
      implementationKey: 'search.hybrid',
      params: { rankingVersion: 0 },
    });
    await caller().models.evaluate({
      versionId: v2.id,
      evaluation: { dataset: 'wands-heldout', metrics: { 'ndcg@10': 0.64 } },
    });
    await caller().models.promote({ versionId: v2.id, to: 'shadow' });
    await caller('req-models-1', 'ben').models.approve({ versionId: v2.id, targetStage: 'canary' });
    await caller().models.promote({ versionId: v2.id, to: 'canary', canaryShare: 100 });

    const during = await caller('req-during').search.query({ q: 'sofa' });
    expect(during.telemetry.modelVersion).toBe('ranking@v2');
    expect(during.items.map((i) => i.productId)).toEqual(before.items.map((i) => i.productId));

    await caller().models.rollback({ versionId: v2.id, reason: 'manual test' });
    const after = await caller('req-after').search.query({ q: 'sofa' });
    expect(after.telemetry.modelVersion).toBe('search_ranking@builtin');

    await caller().search.track({
      type: 'click',
      productId: 'prod_x',
      position: 1,
      query: 'sofa',
      requestId: 'req-during',
    });
    await flushDecisionLog();
    const page = await caller().models.decisions({ kind: 'search_ranking' });
    expect(page.items.map((d) => d.servedVersion)).toEqual([
      'search_ranking@builtin',
      'ranking@v2',
      'search_ranking@builtin',
    ]);
    const one = await caller().models.decision({ id: during.telemetry.decisionId! });
    expect(one).toMatchObject({
      requestId: 'req-during',
      subjectKey: 'v_01JABCDEFGHJKMNPQRSTVWXYZ0',
      arm: 'canary',
      modelVersionId: v2.id,
    });
    expect(one.telemetry).toMatchObject({
      decisionId: during.telemetry.decisionId,
      modelVersion: 'ranking@v2',
      degraded: false,
    });
    const metrics = await caller().models.metrics({ kind: 'search_ranking', windowMinutes: 60 });
    expect(metrics.versions.map((m) => [m.modelVersion, m.decisions])).toEqual([
      ['ranking@v2', 1],
      ['search_ranking@builtin', 2],
    ]);
    expect(metrics.kpis).toEqual([
      { modelVersion: 'ranking@v2', searches: 1, clicks: 1, addToCarts: 0, ctr: 1, addToCartRate: 0 },
      { modelVersion: 'search_ranking@builtin', searches: 2, clicks: 0, addToCarts: 0, ctr: 0, addToCartRate: 0 },
    ]);
    const version = await caller().models.version({ versionId: v2.id });
    expect(version.stageChanges.map((c) => `${c.fromStage}→${c.toStage}`)).toEqual([
      'canary→shadow',
      'shadow→canary',
      'draft→shadow',
    ]);
    expect(version.approvals.map((a) => a.approver)).toEqual(['ben']);

    const missing = await rejection(caller().models.decision({ id: 'dec_nope' }));
    expect(missing.code).toBe('NOT_FOUND');
  }, 60_000);
});
