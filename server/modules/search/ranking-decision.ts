// Search ranking as a decision implementation: a model version of kind search_ranking names
// a ranking version ({ rankingVersion }); the built-in (no params) serves the active one,
// exactly as search did before the seam. An explicit rankingVersion in the request (an
// experiment arm or a preview) wins over the model version's.
// `search.personalized` is the same search plus the personal re-ranking stage, fed by the
// shopper affinities the door put in the decision input (null when personalization is off).
import { registerImplementation, type ImplementationResult } from '@/server/decisions/implementations';
import { personalWeights, type PersonalWeights, type SearchAffinities } from './personal-rerank';
import { searchProducts, type SearchResult } from './search-products';
import type { ParsedSearchInput } from './search.schema';

export const SEARCH_IMPLEMENTATION = 'search.hybrid';
export const PERSONAL_SEARCH_IMPLEMENTATION = 'search.personalized';

/** The decision input: the parsed request plus what the shopper may contribute. */
export type SearchDecisionInput = ParsedSearchInput & { personal?: SearchAffinities | null };

function rankingVersionOf(input: SearchDecisionInput, params: Record<string, unknown>): number | undefined {
  return input.rankingVersion ?? (typeof params.rankingVersion === 'number' ? params.rankingVersion : undefined);
}

/** The version's weights (validated when the version was registered); defaults when absent or unreadable. */
export function personalWeightsOf(params: Record<string, unknown>): PersonalWeights | undefined {
  const parsed = personalWeights.safeParse(params.personal);
  return parsed.success ? parsed.data : undefined;
}

function toDecision(result: SearchResult, personalized: boolean): ImplementationResult<SearchResult> {
  const t = result.telemetry;
  return {
    output: result,
    score: result.items[0]?.score ?? null,
    confidence: null,
    explanation: [
      ...t.rulesFired.map((r) => `rule ${r}`),
      ...t.routing.reasons,
      ...(t.personal ? [`personal re-rank boosted ${t.personal.boosted}, moved ${t.personal.moved}`] : []),
    ],
    features: {
      strategy: t.strategy,
      keywordWeight: t.routing.keyword,
      vectorWeight: t.routing.vector,
      rankingVersion: t.rankingVersion,
      synonymsVersion: t.synonymsVersion,
      embedder: t.embedder,
      corrections: Object.keys(t.corrections).length,
      embedderFallback: t.fallback.embedder,
      personalized,
      personalMoved: t.personal?.moved ?? 0,
    },
    // Ids in order are what KPIs and shadow comparison need; the hits themselves are not logged.
    logOutput: {
      productIds: result.items.map((i) => i.productId),
      total: result.total,
      page: result.page,
      rankingVersion: t.rankingVersion,
    },
  };
}

registerImplementation<SearchDecisionInput, SearchResult>(SEARCH_IMPLEMENTATION, async (input, params, ctx) => {
  const rankingVersion = rankingVersionOf(input, params);
  const result = await searchProducts(ctx.db, { ...input, rankingVersion }, { requestId: ctx.requestId ?? undefined });
  return toDecision(result, false);
});

registerImplementation<SearchDecisionInput, SearchResult>(PERSONAL_SEARCH_IMPLEMENTATION, async (input, params, ctx) => {
  const rankingVersion = rankingVersionOf(input, params);
  const personal = input.personal ?? null;
  const result = await searchProducts(
    ctx.db,
    { ...input, rankingVersion },
    { requestId: ctx.requestId ?? undefined, personal, personalWeights: personalWeightsOf(params) },
  );
  return toDecision(result, result.telemetry.personal !== null);
});
