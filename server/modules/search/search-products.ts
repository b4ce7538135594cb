// Hybrid search: keyword + vector retrieval, reciprocal rank fusion weighted by per-query
// routing, business signals and merchandising rules, facets, sorting, pagination, a
// zero-result fallback, and telemetry on every response.
import type { Db } from '@/server/db/client';
import { embedWithTimeout, type Embedder } from '@/server/ml/embedders/types';
import { getActiveEmbedder } from './active-embedder';
import { getSuggestionIndex } from './autocomplete';
import { loadCandidateDocs, type CandidateDoc } from './candidate-docs';
import { disjunctiveFacets, hasFacetFilters } from './disjunctive-facets';
import { computeFacets, type Facets } from './facets';
import { filtersSql } from './filters-sql';
import { reciprocalRankFusion } from './fuse';
import { retrieveKeyword } from './keyword-retriever';
import { nearestProducts } from './product-vectors';
import type { RankingConfig } from './ranking-config';
import { personalRerank, type PersonalWeights, type SearchAffinities } from './personal-rerank';
import { rerank, type Ranked } from './rerank';
import { adjustForKeywordHits, routeQuery, type Routing } from './route-query';
import { searchInput, type ParsedSearchInput, type SearchInput } from './search.schema';
import { getSearchStats, namesCategory } from './search-stats';
import { getActiveRanking, getActiveSynonyms, getRankingVersion } from './settings-versions';
import { buildSynonymIndex, expandQuery } from './synonyms';
import { contentTokens, normalizeText } from './text';

export type SearchHit = {
  productId: string;
  slug: string;
  title: string;
  category: string | null;
  priceCents: number;
  currency: 'USD';
  inStock: boolean;
  ratingAvg: number | null;
  reviewCount: number;
  position: number;
  score: number;
  pinned: boolean;
  matchedBy: ('keyword' | 'vector')[];
};

export type SearchTelemetry = {
  requestId: string | null;
  rankingVersion: number;
  synonymsVersion: number;
  embedder: string | null;
  strategy: string;
  /** Query words corrected by typo tolerance, with the words they also matched. */
  corrections: Record<string, string[]>;
  routing: Pick<Routing, 'keyword' | 'vector' | 'reasons'>;
  rulesFired: string[];
  timingsMs: Record<string, number>;
  fallback: { embedder: 'timeout' | 'error' | null; relaxed: 'semantic' | 'popular' | null };
  degraded: boolean;
  /** Set by the decision seam (run-search.ts); null when searchProducts is called directly. */
  decisionId: string | null;
  /** The model version that ranked this response, e.g. "search-ranking@v2" or "search_ranking@builtin". */
  modelVersion: string | null;
  /** Set when the personal re-ranking stage ran: how many candidates it boosted and moved. */
  personal: { boosted: number; moved: number } | null;
};

export type SearchResult = {
  query: string;
  items: SearchHit[];
  total: number;
  page: number;
  pageSize: number;
  pageCount: number;
  facets: Facets;
  zeroResult: boolean;
  telemetry: SearchTelemetry;
};

export type SearchOptions = {
  requestId?: string;
  embedTimeoutMs?: number;
  /** Preview an unsaved ranking configuration (console); reported as version -1. */
  rankingOverride?: RankingConfig;
  /** The shopper's affinities: runs the personal re-ranking stage (search.personalized only). */
  personal?: SearchAffinities | null;
  /** The serving version's re-rank weights (params.personal); the code defaults otherwise. */
  personalWeights?: PersonalWeights;
  /** The cheaper path (cost trade-off replay): no query embedding, keywords only. */
  keywordOnly?: boolean;
};

const EMBED_TIMEOUT_MS = Number(process.env.EMBEDDER_TIMEOUT_MS ?? 400);

export async function searchProducts(db: Db, raw: SearchInput, opts: SearchOptions = {}): Promise<SearchResult> {
  const input = searchInput.parse(raw);
  const timings: Record<string, number> = {};
  const started = performance.now();
  const lap = (name: string, since: number) => (timings[name] = round(performance.now() - since));

  let t = performance.now();
  const [ranking, synonyms, stats] = await Promise.all([
    opts.rankingOverride
      ? { version: -1, config: opts.rankingOverride }
      : input.rankingVersion !== undefined
        ? getRankingVersion(db, input.rankingVersion)
        : getActiveRanking(db),
    getActiveSynonyms(db),
    getSearchStats(db),
  ]);
  const config = ranking.config;
  const queryNorm = normalizeText(input.q);
  const tokens = contentTokens(input.q);
  const terms = expandQuery(tokens, buildSynonymIndex(synonyms.entries));
  // Typo tolerance, as Algolia does it: a word no product text contains also matches the
  // indexed words one or two edits away.
  const vocabulary = await getSuggestionIndex(db);
  const corrections: Record<string, string[]> = {};
  for (const term of terms) {
    if (term.text.includes(' ')) continue;
    const fixes = vocabulary.spellings(term.text);
    if (fixes.length) {
      corrections[term.text] = fixes;
      term.alternatives.push(...fixes.filter((f) => !term.alternatives.includes(f)));
    }
  }
  let routing = routeQuery(tokens, config, { namesCategory: namesCategory(tokens, stats.categoryTerms) });
  lap('parse', t);

  t = performance.now();
  const keyword = await retrieveKeyword(db, {
    terms,
    queryNorm,
    filters: input.filters,
    limit: config.retrieval.keywordLimit,
    trigram: stats.trigram,
  });
  lap('keyword', t);
  routing = adjustForKeywordHits(routing, keyword.strictHits, keyword.anyHits, config);

  const fallback: SearchTelemetry['fallback'] = { embedder: null, relaxed: null };
  let vectorIds: string[] = [];
  let embedderName: string | null = null;
  t = performance.now();
  let queryVector: Float32Array | undefined;
  let embedder: Embedder | undefined;
  try {
    if (opts.keywordOnly) throw Object.assign(new Error('keyword-only path'), { name: 'KeywordOnly' });
    embedder = await getActiveEmbedder(db);
    embedderName = `${embedder.id}@${embedder.version}`;
    [queryVector] = await embedWithTimeout(embedder, [input.q], opts.embedTimeoutMs ?? EMBED_TIMEOUT_MS);
    lap('embed', t);
    t = performance.now();
    const hits = await nearestProducts(db, embedder, queryVector!, config.retrieval.vectorLimit, filtersSql(input.filters));
    vectorIds = hits.filter((h) => h.distance <= config.retrieval.vectorMaxDistance).map((h) => h.productId);
    lap('vector', t);
  } catch (err) {
    // Meaning is a bonus; keywords still answer. Never fail the shopper's search on it.
    if ((err as Error).name === 'KeywordOnly') {
      routing = { ...routing, vector: 0, strategy: 'keyword', reasons: [...routing.reasons, 'keyword-only path'] };
    } else {
      fallback.embedder = (err as Error).name === 'EmbedderTimeoutError' ? 'timeout' : 'error';
      routing = { ...routing, vector: 0, strategy: 'keyword', reasons: [...routing.reasons, `embedder ${fallback.embedder}: keyword only`] };
    }
    lap('embed', t);
  }

  t = performance.now();
  const fused = reciprocalRankFusion(
    [
      { name: 'keyword', weight: routing.keyword, ids: keyword.ids },
      { name: 'vector', weight: routing.vector, ids: vectorIds },
    ],
    config.retrieval.rrfK,
  );
  const pinIds = config.rules.flatMap((r) => (r.action.type === 'pin' ? [r.action.productId] : []));
  const docs = await loadCandidateDocs(db, [...new Set([...fused.map((f) => f.id), ...pinIds])]);
  lap('fuse', t);

  t = performance.now();
  const titleTokens = terms.map((term) => [term.text, ...term.alternatives]);
  const reranked = rerank(fused, docs, config, { queryNorm, titleTokens, maxPopularity: stats.maxPopularity });
  const rulesFired = reranked.rulesFired;
  let ranked = reranked.ranked;
  let personal: SearchTelemetry['personal'] = null;
  if (opts.personal && opts.personal.products > 0 && ranked.length > 1) {
    const stage = personalRerank(ranked, (r) => personalFeaturesOf(r.doc), opts.personal, opts.personalWeights);
    ranked = stage.items;
    personal = { boosted: stage.boosted, moved: stage.moved };
  }
  lap('rerank', t);

  const zeroResult = ranked.length === 0;
  if (zeroResult) {
    t = performance.now();
    ranked = await relax(db, input, queryVector, embedder ?? null, fallback);
    lap('relax', t);
  }

  t = performance.now();
  let facets = computeFacets(ranked.map((r) => r.doc));
  if (!zeroResult && hasFacetFilters(input.filters)) {
    const vector = embedder && queryVector ? { embedder, query: queryVector } : undefined;
    const args = { terms, queryNorm, filters: input.filters, config, routing, trigram: stats.trigram, vector };
    facets = await disjunctiveFacets(db, args, facets);
  }
  const ordered = sortRanked(ranked, input.sort);
  const offset = (input.page - 1) * input.pageSize;
  const items = ordered.slice(offset, offset + input.pageSize).map((r, i) => toHit(r, offset + i + 1));
  lap('facets', t);
  timings.total = round(performance.now() - started);

  return {
    query: input.q,
    items,
    total: ordered.length,
    page: input.page,
    pageSize: input.pageSize,
    pageCount: Math.ceil(ordered.length / input.pageSize),
    facets,
    zeroResult,
    telemetry: {
      requestId: opts.requestId ?? null,
      rankingVersion: ranking.version,
      synonymsVersion: synonyms.version,
      embedder: embedderName,
      strategy: zeroResult ? `fallback-${fallback.relaxed}` : routing.strategy,
      corrections,
      routing: { keyword: round(routing.keyword), vector: round(routing.vector), reasons: routing.reasons },
      rulesFired,
      timingsMs: timings,
      fallback,
      degraded: fallback.embedder !== null,
      decisionId: null,
      modelVersion: null,
      personal,
    },
  };
}

/** Nothing matched: nearest products by meaning regardless of distance, else popular ones. */
async function relax(
  db: Db,
  input: ParsedSearchInput,
  vector: Float32Array | undefined,
  embedder: Awaited<ReturnType<typeof getActiveEmbedder>> | null,
  fallback: SearchTelemetry['fallback'],
): Promise<Ranked[]> {
  let ids: string[] = [];
  if (vector && embedder) {
    ids = (await nearestProducts(db, embedder, vector, input.pageSize, filtersSql(input.filters))).map((h) => h.productId);
    fallback.relaxed = 'semantic';
  }
  if (ids.length === 0) {
    // Popular products that still honour the shopper's filters.
    const rows = await db.$queryRaw<{ product_id: string }[]>`
      SELECT d.product_id FROM search_documents d WHERE d.in_stock AND ${filtersSql(input.filters)}
      ORDER BY d.popularity DESC, d.review_count DESC, d.product_id LIMIT ${input.pageSize}`;
    ids = rows.map((r) => r.product_id);
    fallback.relaxed = 'popular';
  }
  const docs = await loadCandidateDocs(db, ids);
  return ids.flatMap((id, i) => {
    const doc = docs.get(id);
    return doc ? [{ id, score: 1 / (i + 1), sources: [], ranks: {}, doc, pinned: false }] : [];
  });
}

function sortRanked(ranked: Ranked[], sort: ParsedSearchInput['sort']): Ranked[] {
  if (sort === 'relevance') return ranked;
  const byId = (a: Ranked, b: Ranked) => (a.id < b.id ? -1 : 1);
  const cmp: Record<Exclude<typeof sort, 'relevance'>, (a: CandidateDoc, b: CandidateDoc) => number> = {
    price_asc: (a, b) => a.priceCents - b.priceCents,
    price_desc: (a, b) => b.priceCents - a.priceCents,
    rating: (a, b) => (b.ratingAvg ?? -1) - (a.ratingAvg ?? -1) || b.reviewCount - a.reviewCount,
    newest: (a, b) => b.productCreatedAt.getTime() - a.productCreatedAt.getTime(),
  };
  return [...ranked].sort((a, b) => cmp[sort](a.doc, b.doc) || byId(a, b));
}

export function personalFeaturesOf(d: CandidateDoc) {
  return {
    category: d.leafCategory,
    classKey: d.classes[0] ?? d.leafCategory,
    priceCents: d.priceCents,
    color: d.color,
    material: d.material,
  };
}

function toHit(r: Ranked, position: number): SearchHit {
  return {
    productId: r.doc.productId,
    slug: r.doc.slug,
    title: r.doc.title,
    category: r.doc.leafCategory,
    priceCents: r.doc.priceCents,
    currency: 'USD',
    inStock: r.doc.inStock,
    ratingAvg: r.doc.ratingAvg,
    reviewCount: r.doc.reviewCount,
    position,
    score: Math.round(r.score * 1e6) / 1e6,
    pinned: r.pinned,
    matchedBy: r.sources,
  };
}

function round(ms: number): number {
  return Math.round(ms * 100) / 100;
}
