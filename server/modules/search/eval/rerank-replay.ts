// Offline replay of personalized search re-ranking on a shopper event log (the simulated one
// until real traffic exists, server/modules/recommendations/eval/simulator.ts). For every
// search a shopper made, the affinities are learned from their events before that search
// only; the products they then viewed (grade 1) or added to the cart / bought (grade 2) in
// the same visit are the judgments. The unpersonalized ranking is what search returned for
// the query; the personalized one is the same list through the personal re-ranking stage,
// exactly as it runs online. Metrics: nDCG@k (graded) and hit-rate@k (any target in the top k).
import { affinitiesFrom, facetsOfItem } from '@/server/modules/recommendations/search-affinities';
import type { Catalog, ShopperSignals } from '@/server/modules/recommendations/algorithms';
import { BUY_EVENTS, productIdsOf, sessionKeyOf, VIEW_EVENTS } from '@/server/modules/recommendations/shopper-events';
import {
  DEFAULT_PERSONAL_WEIGHTS,
  personalRerank,
  type PersonalFeatures,
  type PersonalWeights,
  type SearchAffinities,
} from '../personal-rerank';
import { ndcgAt } from './metrics';

export type LogEvent = { name: string; ts: number; data: { sessionKey?: string; query?: string } & Record<string, unknown> };
export type ReplayHit = { id: string; score: number; pinned: boolean };
export type ReplaySearch = { key: string; ts: number; query: string; affinities: SearchAffinities | null; grades: Map<string, number> };
export type ReplayMetrics = { ndcg: number; hitRate: number };
export type ReplayReport = {
  k: number;
  searches: number;
  /** Searches by shoppers with history before the search: the ones personalization can change. */
  withHistory: number;
  unpersonalized: ReplayMetrics;
  personalized: ReplayMetrics;
  /** Over every search (no history = the unpersonalized list), the number a shopper population sees. */
  allSearches: { unpersonalized: ReplayMetrics; personalized: ReplayMetrics };
  changedTop10: number;
  weights: PersonalWeights;
};

const SEARCH_EVENT = 'shopper/search.performed';
const VISIT_GAP_MS = 60 * 60_000;

/** A log's events grouped by the shopper's session key, each group in time order. */
export function eventsBySession(events: LogEvent[]): Map<string, LogEvent[]> {
  const byKey = new Map<string, LogEvent[]>();
  for (const e of events) {
    const key = sessionKeyOf(e.data);
    if (!key) continue;
    const list = byKey.get(key) ?? [];
    list.push(e);
    byKey.set(key, list);
  }
  for (const list of byKey.values()) list.sort((a, b) => a.ts - b.ts);
  return byKey;
}

/** The searches in a log with what the shopper knew before (affinities) and did after (grades). */
export function searchesFromLog(catalog: Catalog, events: LogEvent[]): ReplaySearch[] {
  const out: ReplaySearch[] = [];
  for (const [key, list] of eventsBySession(events)) {
    const signals: ShopperSignals = { viewed: [], bought: [], searches: [] };
    list.forEach((e, i) => {
      if (e.name === SEARCH_EVENT && typeof e.data.query === 'string') {
        const grades = new Map<string, number>();
        let last = e.ts;
        for (let j = i + 1; j < list.length; j++) {
          const next = list[j]!;
          if (next.name === SEARCH_EVENT || next.ts - last > VISIT_GAP_MS) break;
          last = next.ts;
          const grade = (BUY_EVENTS as string[]).includes(next.name) ? 2 : (VIEW_EVENTS as string[]).includes(next.name) ? 1 : 0;
          for (const id of productIdsOf(next.data)) grades.set(id, Math.max(grades.get(id) ?? 0, grade));
        }
        const history = signals.viewed.length + signals.bought.length > 0;
        const affinities = history ? affinitiesFrom(catalog, signals, { now: e.ts }) : null;
        if (grades.size) out.push({ key, ts: e.ts, query: e.data.query, affinities, grades });
        return;
      }
      const ids = productIdsOf(e.data);
      if ((VIEW_EVENTS as string[]).includes(e.name)) signals.viewed.push(...ids.map((productId) => ({ productId, ts: e.ts })));
      else if ((BUY_EVENTS as string[]).includes(e.name)) signals.bought.push(...ids.map((productId) => ({ productId, ts: e.ts })));
    });
  }
  return out.sort((a, b) => a.ts - b.ts || (a.key < b.key ? -1 : 1));
}

export function catalogFeatures(catalog: Catalog): (id: string) => PersonalFeatures | null {
  const cache = new Map<string, PersonalFeatures | null>();
  return (id) => {
    if (cache.has(id)) return cache.get(id)!;
    const item = catalog.items.get(id);
    const f = item
      ? { category: item.category, classKey: item.classKey, priceCents: item.priceCents, ...facetsOfItem(item) }
      : null;
    cache.set(id, f);
    return f;
  };
}

/**
 * Replays every search: `rank(query)` returns the unpersonalized ranking (search's own
 * scores, pins marked), called once per distinct query.
 */
export async function replayRerank(
  catalog: Catalog,
  searches: ReplaySearch[],
  rank: (query: string) => Promise<ReplayHit[]>,
  opts: { k?: number; weights?: PersonalWeights } = {},
): Promise<ReplayReport> {
  const k = opts.k ?? 10;
  const weights = opts.weights ?? DEFAULT_PERSONAL_WEIGHTS;
  const features = catalogFeatures(catalog);
  const lists = new Map<string, ReplayHit[]>();
  for (const q of new Set(searches.map((s) => s.query))) lists.set(q, await rank(q));

  const sum = { u: { ndcg: 0, hit: 0 }, p: { ndcg: 0, hit: 0 }, uAll: { ndcg: 0, hit: 0 }, pAll: { ndcg: 0, hit: 0 } };
  let withHistory = 0;
  let changedTop10 = 0;
  for (const s of searches) {
    const base = lists.get(s.query)!;
    const personal = s.affinities ? personalRerank(base, (h) => features(h.id), s.affinities, weights).items : base;
    const u = score(base.map((h) => h.id), s.grades, k);
    const p = score(personal.map((h) => h.id), s.grades, k);
    add(sum.uAll, u);
    add(sum.pAll, p);
    if (!s.affinities) continue;
    withHistory++;
    add(sum.u, u);
    add(sum.p, p);
    if (base.slice(0, k).some((h, i) => personal[i]?.id !== h.id)) changedTop10++;
  }
  const mean = (x: { ndcg: number; hit: number }, n: number): ReplayMetrics => ({
    ndcg: r4(n ? x.ndcg / n : 0),
    hitRate: r4(n ? x.hit / n : 0),
  });
  return {
    k,
    searches: searches.length,
    withHistory,
    unpersonalized: mean(sum.u, withHistory),
    personalized: mean(sum.p, withHistory),
    allSearches: { unpersonalized: mean(sum.uAll, searches.length), personalized: mean(sum.pAll, searches.length) },
    changedTop10,
    weights,
  };
}

function score(ids: string[], grades: Map<string, number>, k: number) {
  return { ndcg: ndcgAt(ids, grades, k) ?? 0, hit: ids.slice(0, k).some((id) => (grades.get(id) ?? 0) > 0) ? 1 : 0 };
}

function add(into: { ndcg: number; hit: number }, x: { ndcg: number; hit: number }) {
  into.ndcg += x.ndcg;
  into.hit += x.hit;
}

/** The eval gate: personalization ships only if it beats the unpersonalized ranking on both metrics. */
export function beatsUnpersonalized(report: Pick<ReplayReport, 'personalized' | 'unpersonalized' | 'withHistory'>): boolean {
  return (
    report.withHistory > 0 &&
    report.personalized.ndcg > report.unpersonalized.ndcg &&
    report.personalized.hitRate >= report.unpersonalized.hitRate
  );
}

function r4(x: number) {
  return Math.round(x * 10_000) / 10_000;
}
