// Cost against quality of the cheaper approximate paths, measured on the same traffic
// (issue #10, ADR 031). The same sample of requests goes through every path, interleaved
// request by request so caches and load affect them alike:
//   recommendations — full (the engine's blend: vector neighbours, co-occurrence, the
//     shopper's signals on the home page), no personalization (home pages from nothing about
//     the shopper), no vector neighbours (similarity from category and attributes only),
//     cached (one computation per product, one generic home page for everyone, reused),
//     popularity (best-sellers everywhere);
//   search — personalized (hybrid + personal re-rank), hybrid (no personalization),
//     keyword-only (no query embedding).
// Cost per 1,000 requests comes from the measured compute time and embedder calls priced by
// the deployment's cost rates (server/decisions/decision-costs.ts); quality is nDCG@10 and
// hit-rate@10 against what the shopper did next, plus overlap@10 with the full path.
import type { Db } from '@/server/db/client';
import type { Prisma } from '@/server/db/generated/client';
import { costPer1k, defaultCostRates, type CostRates } from '@/server/decisions/decision-costs';
import { newId } from '@/server/lib/ids';
import { ndcgAt } from '@/server/modules/search/eval/metrics';
import type { ReplaySearch } from '@/server/modules/search/eval/rerank-replay';
import { searchProducts } from '@/server/modules/search/search-products';
import { runEngine } from './engine';
import { DEFAULT_PARAMS } from './recs-config';
import type { DecisionInput, DecisionOutput } from './recs.schema';
import type { RecRequest, TradeoffRequests } from './tradeoff-requests';

export const K = 10;

export type PathKey =
  | 'recs.full'
  | 'recs.no-personalization'
  | 'recs.no-vectors'
  | 'recs.cached'
  | 'recs.popularity'
  | 'search.personalized'
  | 'search.hybrid'
  | 'search.keyword';

export type PathResult = {
  key: PathKey;
  surface: 'recommendations' | 'search';
  label: string;
  /** The surface's full path, the one the others are compared with. */
  full: boolean;
  requests: number;
  avgComputeMs: number;
  p95ComputeMs: number;
  embedderCallsPerRequest: number;
  costPer1k: number;
  ndcg: number;
  hitRate: number;
  /** Mean share of the full path's top 10 that this path also shows. */
  overlap: number;
};

export type TradeoffResult = {
  source: 'logged' | 'simulated';
  requests: { recommendations: number; search: number };
  rates: CostRates;
  k: number;
  paths: PathResult[];
};

const LABELS: Record<PathKey, string> = {
  'recs.full': 'Recommendations: full blend',
  'recs.no-personalization': 'Recommendations: no personalization',
  'recs.no-vectors': 'Recommendations: no vector neighbours',
  'recs.cached': 'Recommendations: cached',
  'recs.popularity': 'Recommendations: best-sellers only',
  'search.personalized': 'Search: hybrid + personal re-rank',
  'search.hybrid': 'Search: hybrid, not personalized',
  'search.keyword': 'Search: keyword only',
};

type Sample = { ms: number; calls: number; ids: string[]; grades: Map<string, number> };

/** Recommended product ids in display order, across sections, the anchor left out. */
export function topIds(output: DecisionOutput, exclude: string | null, k = K): string[] {
  const seen = new Set<string>(exclude ? [exclude] : []);
  const out: string[] = [];
  for (const s of output.sections)
    for (const i of s.items)
      if (!seen.has(i.productId)) {
        seen.add(i.productId);
        out.push(i.productId);
      }
  return out.slice(0, k);
}

function recInput(r: RecRequest, personal: boolean): DecisionInput {
  return r.placement === 'product'
    ? { placement: 'product', productId: r.productId, limit: K, now: r.ts }
    : { placement: 'home', limit: K, personalized: personal, signals: personal ? r.signals : null, now: r.ts };
}

async function timed<T>(work: () => Promise<T>): Promise<{ value: T; ms: number }> {
  const t = performance.now();
  const value = await work();
  return { value, ms: performance.now() - t };
}

const NO_VECTORS = { ...DEFAULT_PARAMS, similarWeights: { embedding: 0, category: 0.6, attributes: 0.4 } };
const POPULARITY = { ...DEFAULT_PARAMS, algorithm: 'popularity' as const };

export async function measureTradeoff(
  db: Db,
  requests: TradeoffRequests,
  opts: { source: 'logged' | 'simulated'; rates?: CostRates; embedTimeoutMs?: number } = { source: 'logged' },
): Promise<TradeoffResult> {
  const rates = opts.rates ?? defaultCostRates();
  const samples = new Map<PathKey, Sample[]>();
  const push = (key: PathKey, s: Sample) => samples.set(key, [...(samples.get(key) ?? []), s]);

  // Warm the catalog snapshot, popularity and embedder once, so the first path measured is not
  // charged for loading what every path shares.
  if (requests.recs[0]) await runEngine(db, recInput(requests.recs[0], true), DEFAULT_PARAMS);
  if (requests.searches[0]) await searchProducts(db, { q: requests.searches[0].query, pageSize: 24 }, { embedTimeoutMs: opts.embedTimeoutMs ?? 2_000 });

  const cache = new Map<string, DecisionOutput>();
  for (const r of requests.recs) {
    const anchor = r.placement === 'product' ? r.productId : null;
    const run = async (key: PathKey, params: Record<string, unknown>, personal: boolean) => {
      const { value, ms } = await timed(() => runEngine(db, recInput(r, personal), params));
      push(key, { ms, calls: 0, ids: topIds(value.output, anchor), grades: r.grades });
    };
    await run('recs.full', DEFAULT_PARAMS, true);
    await run('recs.no-personalization', DEFAULT_PARAMS, false);
    await run('recs.no-vectors', NO_VECTORS, true);
    await run('recs.popularity', POPULARITY, true);
    // A cache shared by every shopper cannot hold anything personal: one entry per product
    // page, one generic home page. A miss pays for the computation, a hit for the lookup.
    const cacheKey = r.placement === 'product' ? `product:${r.productId}` : 'home';
    const t = performance.now();
    let out = cache.get(cacheKey);
    if (!out) {
      out = (await runEngine(db, recInput(r, false), DEFAULT_PARAMS)).output;
      cache.set(cacheKey, out);
    }
    push('recs.cached', { ms: performance.now() - t, calls: 0, ids: topIds(out, anchor), grades: r.grades });
  }

  for (const s of requests.searches) {
    const run = async (key: PathKey, o: { personal?: ReplaySearch['affinities']; keywordOnly?: boolean }) => {
      const { value, ms } = await timed(() =>
        searchProducts(
          db,
          { q: s.query, pageSize: 24 },
          { embedTimeoutMs: opts.embedTimeoutMs ?? 2_000, personal: o.personal ?? null, keywordOnly: o.keywordOnly },
        ),
      );
      // The query embedding is the only embedder call search makes per request.
      const calls = value.telemetry.embedder !== null ? 1 : 0;
      push(key, { ms, calls, ids: value.items.slice(0, K).map((i) => i.productId), grades: s.grades });
    };
    await run('search.personalized', { personal: s.affinities });
    await run('search.hybrid', {});
    await run('search.keyword', { keywordOnly: true });
  }

  const paths: PathResult[] = [];
  for (const [key, list] of samples) {
    const surface = key.startsWith('recs.') ? 'recommendations' : 'search';
    const fullKey: PathKey = surface === 'recommendations' ? 'recs.full' : 'search.personalized';
    const full = samples.get(fullKey)!;
    paths.push(summarize(key, surface, list, full, rates));
  }
  return {
    source: opts.source,
    requests: { recommendations: requests.recs.length, search: requests.searches.length },
    rates,
    k: K,
    paths,
  };
}

function summarize(key: PathKey, surface: PathResult['surface'], list: Sample[], full: Sample[], rates: CostRates): PathResult {
  const n = list.length;
  const ms = list.map((s) => s.ms).sort((a, b) => a - b);
  const avgMs = ms.reduce((a, b) => a + b, 0) / n;
  const calls = list.reduce((a, s) => a + s.calls, 0) / n;
  let ndcg = 0;
  let hits = 0;
  let overlap = 0;
  list.forEach((s, i) => {
    ndcg += ndcgAt(s.ids, s.grades, K) ?? 0;
    hits += s.ids.some((id) => (s.grades.get(id) ?? 0) > 0) ? 1 : 0;
    const f = full[i]!.ids;
    overlap += f.length ? s.ids.filter((id) => f.includes(id)).length / f.length : 1;
  });
  return {
    key,
    surface,
    label: LABELS[key],
    full: key === 'recs.full' || key === 'search.personalized',
    requests: n,
    avgComputeMs: r3(avgMs),
    p95ComputeMs: r3(ms[Math.min(n - 1, Math.floor(0.95 * n))] ?? 0),
    embedderCallsPerRequest: r3(calls),
    // Embedder calls are provider calls (one input each): priced when the embedder is hosted.
    costPer1k: r6(costPer1k(avgMs, calls, calls, rates)),
    ndcg: r4(ndcg / n),
    hitRate: r4(hits / n),
    overlap: r4(overlap / n),
  };
}

const r3 = (x: number) => Math.round(x * 1e3) / 1e3;
const r4 = (x: number) => Math.round(x * 1e4) / 1e4;
const r6 = (x: number) => Math.round(x * 1e6) / 1e6;

export async function storeTradeoffRun(db: Db, result: TradeoffResult): Promise<{ id: string; createdAt: Date }> {
  return db.costTradeoffRun.create({
    data: {
      id: newId('ctr'),
      source: result.source,
      requests: result.requests.recommendations + result.requests.search,
      result: result as unknown as Prisma.InputJsonValue,
    },
    select: { id: true, createdAt: true },
  });
}

export type StoredTradeoff = TradeoffResult & { id: string; createdAt: Date };

/** The last stored run, which the console shows; null before the first. */
export async function latestTradeoff(db: Db): Promise<StoredTradeoff | null> {
  const row = await db.costTradeoffRun.findFirst({ orderBy: { createdAt: 'desc' } });
  if (!row) return null;
  return { ...(row.result as unknown as TradeoffResult), id: row.id, createdAt: row.createdAt };
}
