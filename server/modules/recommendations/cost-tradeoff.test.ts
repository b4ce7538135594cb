// The cost trade-off on a real database: requests rebuilt from a hand-built event log, the
// same requests through every path, cost from the measured compute and embedder calls, quality
// against what the shoppers did next, and the run stored for the console.
import { beforeAll, describe, expect, it } from 'vitest';
import { useTestDatabase } from '@/server/db/testing';
import { costPer1k } from '@/server/decisions/decision-costs';
import { resetActiveEmbedder } from '@/server/modules/search/active-embedder';
import { indexCatalog } from '@/server/modules/search/index-catalog';
import type { LogEvent } from '@/server/modules/search/eval/rerank-replay';
import { clearSettingsCache } from '@/server/modules/search/settings-versions';
import { buildCatalog } from './algorithms';
import { invalidateCatalog, loadCatalog } from './catalog-snapshot';
import { latestTradeoff, measureTradeoff, storeTradeoffRun, topIds, type TradeoffResult } from './cost-tradeoff';
import { seedLivingRoom } from './recs.fixtures';
import { recRequestsFromLog, sampleEvenly, tradeoffRequests } from './tradeoff-requests';

const getDb = useTestDatabase();
const db = () => getDb().prisma;
let id: Record<string, string>;
const T = Date.UTC(2026, 10, 1, 12);
const MIN = 60_000;
const RATES = { perComputeSecondMicros: 12, perCallMicros: 50, perInputMicros: 0, source: 'default' as const };

const ev = (key: string, name: string, at: number, extra: Record<string, unknown>): LogEvent => ({
  name,
  ts: T + at * MIN,
  data: { sessionKey: key, ...extra },
});

/** Shoppers who view two sofas, cart a coffee table, come back next day; and search. */
function log(): LogEvent[] {
  const out: LogEvent[] = [];
  for (let i = 0; i < 4; i++) {
    const k = `v_S${i}`;
    out.push(
      ev(k, 'shopper/page.viewed', i * 10, { productId: id['sofa-ava'] }),
      ev(k, 'shopper/page.viewed', i * 10 + 1, { productId: id['sofa-bea'] }),
      ev(k, 'shopper/cart.item_added', i * 10 + 2, { productId: id['table-iris'] }),
      // Next day: a new visit, with history.
      ev(k, 'shopper/search.performed', 1440 + i * 10, { query: 'sofa' }),
      ev(k, 'shopper/page.viewed', 1440 + i * 10 + 1, { productId: id['sofa-cleo'] }),
    );
  }
  return out;
}

beforeAll(async () => {
  clearSettingsCache();
  resetActiveEmbedder();
  invalidateCatalog(db());
  id = await seedLivingRoom(db());
  await indexCatalog(db());
});

describe('requests rebuilt from the event log', () => {
  it('makes product-page requests from views followed by more in the visit, and home requests from returning visits', async () => {
    const catalog = await loadCatalog(db());
    const recs = recRequestsFromLog(catalog, log());
    const product = recs.filter((r) => r.placement === 'product');
    const home = recs.filter((r) => r.placement === 'home');
    // Per shopper: ava → {bea 1, iris 2}, bea → {iris 2}; the next-day cleo view has nothing after it.
    expect(product).toHaveLength(8);
    const ava = product.find((r) => r.placement === 'product' && r.productId === id['sofa-ava'])!;
    expect(Object.fromEntries(ava.grades)).toEqual({ [id['sofa-bea']!]: 1, [id['table-iris']!]: 2 });
    // The returning visit: history of 2 views and 1 cart, judged on what they viewed that day.
    expect(home).toHaveLength(4);
    const h = home[0]!;
    if (h.placement !== 'home') throw new Error('expected a home request');
    expect(h.signals.viewed).toHaveLength(2);
    expect(h.signals.bought).toHaveLength(1);
    expect(Object.fromEntries(h.grades)).toEqual({ [id['sofa-cleo']!]: 1 });
    // Searches with history before them, judged by the view after.
    const req = tradeoffRequests(catalog, log(), 100);
    expect(req.searches).toHaveLength(4);
    const cats = req.searches[0]!.affinities!.categories;
    expect(Object.keys(cats).sort()).toEqual(['Coffee Tables', 'Sofas']);
    expect(cats.Sofas! + cats['Coffee Tables']!).toBeCloseTo(1, 6);
    expect(sampleEvenly([1, 2, 3, 4, 5, 6], 3)).toEqual([1, 3, 5]);
    expect(tradeoffRequests(catalog, log(), 6).recs).toHaveLength(6);
  });

  it('lists recommended ids across sections once, without the anchor', () => {
    const output = {
      coldStart: false,
      sections: [
        { id: 'a', title: '', strategy: 'similar', items: ['p1', 'p2', 'p0'].map((p) => ({ productId: p, score: 1, reason: '' })) },
        { id: 'b', title: '', strategy: 'cooc', items: ['p2', 'p3'].map((p) => ({ productId: p, score: 1, reason: '' })) },
      ],
    };
    expect(topIds(output, 'p0')).toEqual(['p1', 'p2', 'p3']);
    expect(topIds(output, null, 2)).toEqual(['p1', 'p2']);
    expect(buildCatalog([]).items.size).toBe(0);
  });
});

describe('measuring every path on the same requests', () => {
  let result: TradeoffResult;
  beforeAll(async () => {
    const catalog = await loadCatalog(db());
    result = await measureTradeoff(db(), tradeoffRequests(catalog, log(), 100), { source: 'simulated', rates: RATES });
  });

  it('reports every path with cost from its compute and embedder calls', () => {
    expect(result.requests).toEqual({ recommendations: 12, search: 4 });
    expect(result.paths.map((p) => p.key).sort()).toEqual(
      [
        'recs.cached',
        'recs.full',
        'recs.no-personalization',
        'recs.no-vectors',
        'recs.popularity',
        'search.hybrid',
        'search.keyword',
        'search.personalized',
      ].sort(),
    );
    const by = Object.fromEntries(result.paths.map((p) => [p.key, p]));
    for (const p of result.paths) {
      expect(p.requests).toBe(p.surface === 'search' ? 4 : 12);
      expect(p.avgComputeMs).toBeGreaterThan(0);
      expect(p.p95ComputeMs).toBeGreaterThanOrEqual(0);
      // The stored cost is the cost model's on the measured figures (rounded).
      expect(p.costPer1k).toBeCloseTo(
        costPer1k(p.avgComputeMs, p.embedderCallsPerRequest, p.embedderCallsPerRequest, RATES),
        4,
      );
    }
    // Search embeds the query once per request; keyword-only never; recommendations use stored vectors.
    expect(by['search.hybrid']!.embedderCallsPerRequest).toBe(1);
    expect(by['search.personalized']!.embedderCallsPerRequest).toBe(1);
    expect(by['search.keyword']!.embedderCallsPerRequest).toBe(0);
    expect(by['recs.full']!.embedderCallsPerRequest).toBe(0);
    // At 50 µ$ a call, the embedding alone is 0.05 $ per 1k searches more than keyword-only.
    expect(by['search.hybrid']!.costPer1k - by['search.keyword']!.costPer1k).toBeGreaterThan(0.049);
  });

  it('scores quality against what shoppers did next, and overlap with the full path', () => {
    const by = Object.fromEntries(result.paths.map((p) => [p.key, p]));
    expect(by['recs.full']!.overlap).toBe(1);
    expect(by['search.personalized']!.overlap).toBe(1);
    expect(by['recs.full']!.full).toBe(true);
    expect(by['recs.cached']!.full).toBe(false);
    // Every shopper viewed a sofa after searching "sofa": all three search paths hit.
    for (const k of ['search.personalized', 'search.hybrid', 'search.keyword']) expect(by[k]!.hitRate).toBe(1);
    // Product pages of Ava: the next sofa (Bea) is in the full path's similar list.
    expect(by['recs.full']!.hitRate).toBeGreaterThanOrEqual(4 / 12);
    for (const p of result.paths) {
      expect(p.ndcg).toBeGreaterThanOrEqual(0);
      expect(p.ndcg).toBeLessThanOrEqual(1);
      expect(p.overlap).toBeGreaterThanOrEqual(0);
      expect(p.overlap).toBeLessThanOrEqual(1);
    }
    // A cached product page is the full one (8 of the 12 requests); the cached home page
    // holds nothing personal, so it matches the no-personalization path there.
    expect(by['recs.cached']!.overlap).toBeGreaterThanOrEqual(8 / 12);
    expect(by['recs.cached']!.overlap).toBeCloseTo(by['recs.no-personalization']!.overlap, 4);
  });

  it('stores the run and reads back the latest for the console', async () => {
    expect(await latestTradeoff(db())).toBeNull();
    await storeTradeoffRun(db(), { ...result, source: 'logged' });
    const second = await storeTradeoffRun(db(), result);
    const latest = await latestTradeoff(db());
    expect(latest).toMatchObject({ id: second.id, source: 'simulated', requests: { recommendations: 12, search: 4 } });
    expect(latest!.paths).toHaveLength(8);
  });
});
