// The search re-ranking evaluation gate on a real database with a small catalog and a small
// logged traffic sample: no verdict without enough judged searches; a candidate that beats
// the serving ranking by the margin is registered once with its figures (a later pass refreshes
// them); one that does not is not; and the Inngest function runs it when the console asks.
import { beforeAll, describe, expect, it } from 'vitest';
import { inngest } from '@/inngest/client';
import { searchRerankEvalRequested } from '@/inngest/events';
import { functions } from '@/inngest/index';
import { createRunner } from '@/inngest/runner/driver';
import { setEventStoreDb } from '@/inngest/runner/event-store';
import { runUntilFinished } from '@/inngest/runner/wait-for-run';
import { send } from '@/inngest/send';
import { useTestDatabase } from '@/server/db/testing';
import { insertEvents, type IncomingEvent } from '@/server/modules/events/insert-events';
import { invalidateCatalog } from '@/server/modules/recommendations/catalog-snapshot';
import { resetActiveEmbedder } from '../active-embedder';
import { PERSONAL_MODEL_KEY } from '../register-personal-ranking';
import { searchProducts } from '../search-products';
import { loadSearchFixture } from '../search.fixtures';
import { clearSettingsCache } from '../settings-versions';
import { runRerankEvaluation } from './nightly-rerank-eval';

const getDb = useTestDatabase();
const db = () => getDb().prisma;
const Q = 'chair';
const SHOPPERS = 24;
const small = { minSearches: 20, maxSearches: 100 };
let traffic: IncomingEvent[];

beforeAll(async () => {
  (globalThis as unknown as { prisma: unknown }).prisma = db();
  setEventStoreDb(db());
  clearSettingsCache();
  resetActiveEmbedder();
  invalidateCatalog(db());
  await loadSearchFixture(db(), 250);
  const anon = await searchProducts(db(), { q: Q, page: 1, pageSize: 60 });
  const items = anon.items;
  // Shoppers who keep looking at a category search ranks below the top 10 for the query, and
  // then pick its best-placed product there: what personalization should bring up.
  const top = items[0]!.category;
  const lowIndex = items.findIndex((it, i) => i >= 10 && it.category !== null && it.category !== top);
  const favourite = items[lowIndex]!.category!;
  const target = items[lowIndex]!.productId;
  const history = await db().searchDocument.findMany({ where: { leafCategory: favourite, productId: { not: target } }, select: { productId: true }, take: 3 });
  expect(history.length).toBeGreaterThan(0);
  const t0 = Date.now() - 2 * 86_400_000;
  traffic = [];
  for (let s = 0; s < SHOPPERS; s++) {
    const sessionKey = `v_GATE${String(s).padStart(22, '0')}`;
    const t = t0 + s * 3_600_000;
    history.forEach((h, i) => traffic.push({ id: `gate-view-${s}-${i}`, name: 'shopper/page.viewed', ts: t + i * 1000, data: { sessionKey, productId: h.productId } }));
    traffic.push({ id: `gate-search-${s}`, name: 'shopper/search.performed', ts: t + 60_000, data: { sessionKey, query: Q } });
    traffic.push({ id: `gate-click-${s}`, name: 'shopper/page.viewed', ts: t + 90_000, data: { sessionKey, productId: target } });
    traffic.push({ id: `gate-cart-${s}`, name: 'shopper/cart.item_added', ts: t + 120_000, data: { sessionKey, productId: target } });
  }
}, 240_000);

const personalVersions = () => db().modelVersion.count({ where: { model: { key: PERSONAL_MODEL_KEY } } });

describe('search re-ranking evaluation gate', () => {
  it('gives no verdict without enough judged searches, and says so', async () => {
    const r = await runRerankEvaluation(db(), { trigger: 'test', settings: small });
    expect(r).toMatchObject({ outcome: 'skipped', withHistory: 0, baseline: null, modelVersionId: null });
    expect(r.reason).toMatch(/^0 judged searches .* needs 20$/);
    expect(await personalVersions()).toBe(0);
  });

  it('registers a candidate that beats the serving ranking by the margin, once, with its figures', async () => {
    await insertEvents(db(), traffic, { source: 'storefront', processed: true });
    const r = await runRerankEvaluation(db(), { trigger: 'test', settings: small });
    expect(r.withHistory).toBe(SHOPPERS);
    expect(r.events).toBe(traffic.length);
    expect(r.candidate!.ndcg - r.baseline!.ndcg).toBeGreaterThanOrEqual(0.01);
    expect(r.candidate!.hitRate).toBeGreaterThanOrEqual(r.baseline!.hitRate);
    expect(r.outcome).toBe('registered');
    const version = await db().modelVersion.findUniqueOrThrow({ where: { id: r.modelVersionId! } });
    expect(version).toMatchObject({ kind: 'search_ranking', stage: 'draft', implementationKey: 'search.personalized', params: { rankingVersion: r.rankingVersion } });
    expect(version.evaluation).toMatchObject({
      metrics: { 'ndcg@10': r.candidate!.ndcg, 'baseline_ndcg@10': r.baseline!.ndcg, 'hit_rate@10': r.candidate!.hitRate, searches: SHOPPERS },
    });
    expect(await db().searchRerankEvaluation.findUniqueOrThrow({ where: { id: r.id } })).toMatchObject({
      outcome: 'registered',
      candidateNdcg: r.candidate!.ndcg,
      baselineNdcg: r.baseline!.ndcg,
      modelVersionId: r.modelVersionId,
    });

    // Passing again refreshes that version's evaluation instead of adding a draft.
    const again = await runRerankEvaluation(db(), { trigger: 'test', settings: small });
    expect(again).toMatchObject({ outcome: 'updated', modelVersionId: r.modelVersionId });
    expect(await personalVersions()).toBe(1);
  });

  it('rejects a candidate that does not clear the margin and registers nothing', async () => {
    const r = await runRerankEvaluation(db(), { trigger: 'test', settings: { ...small, margin: 0.99 } });
    expect(r.outcome).toBe('rejected');
    expect(r.reason).toMatch(/does not beat the serving ranking by the margin 0\.99/);
    expect(r.modelVersionId).toBeNull();
    expect(await personalVersions()).toBe(1);
  });

  it('runs as the search-rerank-eval function when the console asks', async () => {
    process.env.SEARCH_RERANK_EVAL_MIN_SEARCHES = '20';
    const runner = createRunner({ db: db(), client: inngest, functions, pollMs: 20, backoffBaseMs: 50, log: () => undefined });
    await send(searchRerankEvalRequested.create({ requestedBy: 'stf_tester' }, { id: 'rerank-eval-test-1' }));
    const run = await runUntilFinished(runner, getDb(), 'search-rerank-eval', { timeoutMs: 120_000 });
    expect(run.status).toBe('completed');
    expect(run.output).toMatchObject({ outcome: 'updated', withHistory: SHOPPERS });
    const latest = await db().searchRerankEvaluation.findFirstOrThrow({ orderBy: { createdAt: 'desc' } });
    expect(latest.trigger).toBe('console:stf_tester');
  }, 150_000);
});
