// Offline evaluation with a time split: learn from the event log before T, then for every
// shopper who was active before T, recommend k products and compare with the products they
// went on to view, add to cart or buy after T (ones they had not touched before T).
// Metrics: hit-rate@k, NDCG@k (binary relevance), recall@k, catalog coverage, and novelty
// (mean self-information −log2 of the share of training shoppers who touched an item).
import {
  bestSellers,
  buildCooccurrence,
  coocRanking,
  decayWeight,
  eligible,
  lookupFrom,
  personalRanking,
  similarProducts,
  type Catalog,
  type Popularity,
  type RecItem,
  type ShopperSignals,
} from '../algorithms';
import { DEFAULT_PARAMS, type RecsParams } from '../recs-config';
import { BUY_EVENTS, eventsToSessions, productIdsOf, sessionKeyOf, VIEW_EVENTS } from '../shopper-events';
import type { SimEvent } from './simulator';

export const ALGORITHMS = ['popularity', 'cooccurrence', 'similar', 'blend'] as const;
export type AlgorithmName = (typeof ALGORITHMS)[number];
export type Metrics = { hitRate: number; ndcg: number; recall: number; coverage: number; novelty: number };
export type EvalReport = {
  k: number;
  splitAt: string;
  trainEvents: number;
  testEvents: number;
  shoppersEvaluated: number;
  algorithms: Record<AlgorithmName, Metrics>;
};

export function evaluateRecs(
  catalog: Catalog,
  events: SimEvent[],
  opts: { splitAt: number; k?: number; params?: Partial<RecsParams> },
): EvalReport {
  const k = opts.k ?? 10;
  const p = { ...DEFAULT_PARAMS, ...opts.params };
  const T = opts.splitAt;
  const train = events.filter((e) => e.ts < T);
  const test = events.filter((e) => e.ts >= T);

  const sessions = eventsToSessions(train, p.sessionGapMinutes);
  const model = buildCooccurrence(sessions, { now: T, halfLifeDays: p.halfLifeDays, normalisation: p.normalisation });
  const lookup = lookupFrom(model, { minSupport: p.minSupport });
  const pop: Popularity = { view: model.view.items, buy: model.buy.items, trend: new Map() };
  for (const s of sessions)
    for (const id of new Set([...s.views, ...s.buys]))
      pop.trend.set(id, (pop.trend.get(id) ?? 0) + decayWeight(T - s.ts, p.trendHalfLifeDays));

  const signals = new Map<string, ShopperSignals>();
  const touchedBy = new Map<string, Set<string>>();
  for (const e of train) {
    const key = sessionKeyOf(e.data);
    if (!key) continue;
    const s = signals.get(key) ?? { viewed: [], bought: [], searches: [] };
    signals.set(key, s);
    const ids = productIdsOf(e.data);
    if ((VIEW_EVENTS as string[]).includes(e.name)) s.viewed.push(...ids.map((productId) => ({ productId, ts: e.ts })));
    else if ((BUY_EVENTS as string[]).includes(e.name))
      s.bought.push(...ids.map((productId) => ({ productId, ts: e.ts })));
    else if (e.data.query) s.searches.push({ query: e.data.query, ts: e.ts });
    for (const id of ids) touchedBy.set(id, (touchedBy.get(id) ?? new Set()).add(key));
  }
  const targets = new Map<string, Set<string>>();
  for (const e of test) {
    const key = sessionKeyOf(e.data);
    const s = key ? signals.get(key) : undefined;
    if (!key || !s) continue;
    const before = new Set([...s.viewed, ...s.bought].map((x) => x.productId));
    for (const id of productIdsOf(e.data))
      if (!before.has(id)) targets.set(key, (targets.get(key) ?? new Set()).add(id));
  }

  const shoppersInTrain = signals.size;
  const novelty = (id: string) => -Math.log2(((touchedBy.get(id)?.size ?? 0) + 1) / (shoppersInTrain + 1));
  const eligibleCount = [...catalog.items.values()].filter(eligible).length;
  const personal = { now: T, signalHalfLifeDays: p.signalHalfLifeDays, limit: k * 3 };

  const rank: Record<AlgorithmName, (s: ShopperSignals) => RecItem[]> = {
    popularity: () => [],
    cooccurrence: (s) => coocRanking(lookup, catalog, s, personal),
    similar: (s) => {
      const anchors = [...s.viewed, ...s.bought].sort((a, b) => b.ts - a.ts).map((x) => x.productId);
      const scores = new Map<string, number>();
      for (const a of [...new Set(anchors)].slice(0, 3))
        for (const it of similarProducts(catalog, a, { limit: k * 2 }))
          scores.set(it.productId, (scores.get(it.productId) ?? 0) + it.score);
      return [...scores]
        .map(([productId, score]) => ({ productId, score, reason: '' }))
        .sort((x, y) => y.score - x.score);
    },
    blend: (s) => personalRanking(catalog, lookup, pop, s, personal),
  };

  const algorithms = {} as Record<AlgorithmName, Metrics>;
  for (const name of ALGORITHMS) {
    let hits = 0;
    let ndcg = 0;
    let recall = 0;
    let novel = 0;
    let shown = 0;
    const covered = new Set<string>();
    for (const [key, target] of targets) {
      const s = signals.get(key)!;
      const touched = new Set([...s.viewed, ...s.bought].map((x) => x.productId));
      const list = fill(
        rank[name](s).filter((i) => !touched.has(i.productId)),
        catalog,
        pop,
        touched,
        k,
      );
      let dcg = 0;
      let found = 0;
      list.forEach((id, i) => {
        covered.add(id);
        novel += novelty(id);
        shown++;
        if (target.has(id)) {
          found++;
          dcg += 1 / Math.log2(i + 2);
        }
      });
      let idcg = 0;
      for (let i = 0; i < Math.min(k, target.size); i++) idcg += 1 / Math.log2(i + 2);
      if (found) hits++;
      ndcg += idcg ? dcg / idcg : 0;
      recall += found / target.size;
    }
    const n = targets.size || 1;
    algorithms[name] = {
      hitRate: r4(hits / n),
      ndcg: r4(ndcg / n),
      recall: r4(recall / n),
      coverage: r4(covered.size / (eligibleCount || 1)),
      novelty: r4(shown ? novel / shown : 0),
    };
  }
  return {
    k,
    splitAt: new Date(T).toISOString(),
    trainEvents: train.length,
    testEvents: test.length,
    shoppersEvaluated: targets.size,
    algorithms,
  };
}

/** Every algorithm's list is topped up with best-sellers, as the storefront does. */
function fill(items: RecItem[], catalog: Catalog, pop: Popularity, touched: Set<string>, k: number): string[] {
  const out = [...new Set(items.map((i) => i.productId))].slice(0, k);
  if (out.length < k) {
    const have = new Set([...out, ...touched]);
    for (const b of bestSellers(catalog, pop, { limit: k * 2, exclude: have })) {
      if (out.length >= k) break;
      out.push(b.productId);
    }
  }
  return out;
}

function r4(x: number) {
  return Math.round(x * 10_000) / 10_000;
}
