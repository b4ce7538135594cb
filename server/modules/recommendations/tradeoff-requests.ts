// The requests a cost trade-off replays, rebuilt from a shopper event log (the logged one, or
// the simulator's when there is too little traffic): product-page views and home-page visits
// for recommendations, searches for search. Each carries what the shopper knew before it
// (signals, affinities) and what they did next in the same visit (the judgments: viewed 1,
// carted or bought 2), so every path is scored on the same traffic against the same outcome.
import { eventsBySession, searchesFromLog, type LogEvent, type ReplaySearch } from '@/server/modules/search/eval/rerank-replay';
import type { Catalog, ShopperSignals } from './algorithms';
import { BUY_EVENTS, productIdsOf, VIEW_EVENTS } from './shopper-events';

export type RecRequest =
  | { placement: 'product'; key: string; ts: number; productId: string; grades: Map<string, number> }
  | { placement: 'home'; key: string; ts: number; signals: ShopperSignals; grades: Map<string, number> };

export type TradeoffRequests = { recs: RecRequest[]; searches: ReplaySearch[] };

const VISIT_GAP_MS = 60 * 60_000;
const SEARCH_EVENT = 'shopper/search.performed';

function gradeOf(name: string): number {
  if ((BUY_EVENTS as string[]).includes(name)) return 2;
  if ((VIEW_EVENTS as string[]).includes(name)) return 1;
  return 0;
}

/** Product views followed by more interactions in the visit, and visits of shoppers with history. */
export function recRequestsFromLog(catalog: Catalog, events: LogEvent[]): RecRequest[] {
  const out: RecRequest[] = [];
  for (const [key, list] of eventsBySession(events)) {
    const signals: ShopperSignals = { viewed: [], bought: [], searches: [] };
    let visitStart = 0;
    list.forEach((e, i) => {
      const newVisit = i === 0 || e.ts - list[i - 1]!.ts > VISIT_GAP_MS;
      if (newVisit) visitStart = i;
      // What the shopper did from this point on, until the visit ends (a pause over the gap).
      const after = (from: number) => {
        const grades = new Map<string, number>();
        for (let j = from; j < list.length && (j === visitStart || list[j]!.ts - list[j - 1]!.ts <= VISIT_GAP_MS); j++) {
          const g = gradeOf(list[j]!.name);
          if (g) for (const id of productIdsOf(list[j]!.data)) grades.set(id, Math.max(grades.get(id) ?? 0, g));
        }
        return grades;
      };
      if (newVisit && i === visitStart && signals.viewed.length + signals.bought.length > 0) {
        const grades = after(i);
        if (grades.size && catalog.items.size)
          out.push({ placement: 'home', key, ts: e.ts - 1, signals: cloneSignals(signals), grades });
      }
      const ids = productIdsOf(e.data);
      if ((VIEW_EVENTS as string[]).includes(e.name) && ids.length === 1 && catalog.items.has(ids[0]!)) {
        const grades = after(i + 1);
        grades.delete(ids[0]!);
        if (grades.size) out.push({ placement: 'product', key, ts: e.ts, productId: ids[0]!, grades });
      }
      if ((VIEW_EVENTS as string[]).includes(e.name)) signals.viewed.push(...ids.map((productId) => ({ productId, ts: e.ts })));
      else if ((BUY_EVENTS as string[]).includes(e.name)) signals.bought.push(...ids.map((productId) => ({ productId, ts: e.ts })));
      else if (e.name === SEARCH_EVENT && typeof e.data.query === 'string')
        signals.searches.push({ query: e.data.query.slice(0, 200), ts: e.ts });
    });
  }
  return out.sort((a, b) => a.ts - b.ts || (a.key < b.key ? -1 : 1));
}

/** The decision input caps signals (100 views/buys, 50 searches): keep the most recent. */
function cloneSignals(s: ShopperSignals): ShopperSignals {
  return { viewed: s.viewed.slice(-100), bought: s.bought.slice(-100), searches: s.searches.slice(-50) };
}

/** An evenly spaced sample of n (deterministic: the same log gives the same sample). */
export function sampleEvenly<T>(items: T[], n: number): T[] {
  if (items.length <= n) return items;
  const step = items.length / n;
  return Array.from({ length: n }, (_, i) => items[Math.floor(i * step)]!);
}

export function tradeoffRequests(catalog: Catalog, events: LogEvent[], sample: number): TradeoffRequests {
  const recs = recRequestsFromLog(catalog, events);
  const product = recs.filter((r) => r.placement === 'product');
  const home = recs.filter((r) => r.placement === 'home');
  const homeShare = Math.min(home.length, Math.floor(sample / 3));
  return {
    recs: [...sampleEvenly(product, sample - homeShare), ...sampleEvenly(home, homeShare)],
    searches: sampleEvenly(searchesFromLog(catalog, events), sample),
  };
}
