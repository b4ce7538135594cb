// Search ranking as a decision implementation: a model version of kind search_ranking names
// a ranking version ({ rankingVersion }); the built-in (no params) serves the active one,
// exactly as search did before the seam. An explicit rankingVersion in the request (an
// experiment arm or a preview) wins over the model version's.
import { registerImplementation } from '@/server/decisions/implementations';
import { searchProducts, type SearchResult } from './search-products';
import type { ParsedSearchInput } from './search.schema';

export const SEARCH_IMPLEMENTATION = 'search.hybrid';

registerImplementation<ParsedSearchInput, SearchResult>(SEARCH_IMPLEMENTATION, async (input, params, ctx) => {
  const rankingVersion =
    input.rankingVersion ?? (typeof params.rankingVersion === 'number' ? params.rankingVersion : undefined);
  const result = await searchProducts(ctx.db, { ...input, rankingVersion }, { requestId: ctx.requestId ?? undefined });
  const t = result.telemetry;
  return {
    output: result,
    score: result.items[0]?.score ?? null,
    confidence: null,
    explanation: [...t.rulesFired.map((r) => `rule ${r}`), ...t.routing.reasons],
    features: {
      strategy: t.strategy,
      keywordWeight: t.routing.keyword,
      vectorWeight: t.routing.vector,
      rankingVersion: t.rankingVersion,
      synonymsVersion: t.synonymsVersion,
      embedder: t.embedder,
      corrections: Object.keys(t.corrections).length,
      embedderFallback: t.fallback.embedder,
    },
    // Ids in order are what KPIs and shadow comparison need; the hits themselves are not logged.
    logOutput: {
      productIds: result.items.map((i) => i.productId),
      total: result.total,
      page: result.page,
      rankingVersion: t.rankingVersion,
    },
  };
});
