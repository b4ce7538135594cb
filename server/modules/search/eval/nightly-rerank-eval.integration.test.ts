// The search re-ranking evaluation gate on a real database with a small catalog and a small
// logged traffic sample: no verdict without enough judged searches; a candidate that beats
// the serving ranking by the margin is registered once with its figures (a later pass refreshes
// them); one that does not is not; the Inngest function runs it when the console asks; and
// weightings drafted in the console are replayed on the same searches with their verdicts recorded.
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
import { createPersonalWeightsVersion, PERSONAL_MODEL_KEY } from '../register-personal-ranking';
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

  it('judges the weightings drafted in the console on the same searches and records each verdict', async () => {
    const strong = await createPersonalWeightsVersion(db(), { weights: { category: 0.3, class: 0.2, price: 0.1, attribute: 0.1, priceBand: 0.5, maxBoost: 0.6 }, note: 'strong' }, 'stf_merchant');
    const off = await createPersonalWeightsVersion(db(), { weights: { category: 0, class: 0, price: 0, attribute: 0, priceBand: 0.5, maxBoost: 0 }, note: 'off' }, 'stf_merchant');
    const r = await runRerankEvaluation(db(), { trigger: 'test', settings: small });
    expect(r.weightVersions.map((v) => v.versionId).sort()).toEqual([strong.versionId, off.versionId].sort());
    const verdict = (id: string) => r.weightVersions.find((v) => v.versionId === id)!;
    // Same searches, same unpersonalized lists: every verdict shares the gate's baseline.
    for (const v of r.weightVersions) expect(v.unpersonalized).toEqual(r.baseline);
    expect(verdict(strong.versionId).beats).toBe(true);
    expect(verdict(strong.versionId).personalized.ndcg).toBeGreaterThan(r.baseline!.ndcg);
    // No boost at all ranks exactly as search does: no lift, so it does not pass.
    expect(verdict(off.versionId)).toMatchObject({ beats: false, personalized: r.baseline });
    expect(r.reason).toContain(`v${strong.version} nDCG@10 ${verdict(strong.versionId).personalized.ndcg} (beats`);
    expect(r.reason).toContain(`v${off.version} nDCG@10 ${r.baseline!.ndcg} (does not beat`);
    const stored = await db().modelVersion.findUniqueOrThrow({ where: { id: strong.versionId } });
    expect(stored.evaluatedAt).not.toBeNull();
    expect(stored.evaluation).toMatchObject({ metrics: { 'ndcg@10': verdict(strong.versionId).personalized.ndcg } });
    // The gate's own candidate is not among them: it was judged by the main replay.
    expect(r.weightVersions.some((v) => v.versionId === r.modelVersionId)).toBe(false);
  }, 120_000);
});
