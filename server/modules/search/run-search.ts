// The door-facing search call: rank through the decision seam (which picks the model
// version, logs the decision and runs shadows), then log the query with its impressions
// after the response is built (never on the shopper's clock).
import type { Db } from '@/server/db/client';
import { decide } from '@/server/decisions/decide';
import { shopperSearchAffinities } from '@/server/modules/recommendations/search-affinities';
import './ranking-decision';
import type { SearchDecisionInput } from './ranking-decision';
import { recordQueryEvent } from './search-events';
import type { SearchResult } from './search-products';
import { searchInput, type SearchInput } from './search.schema';
import { recordSearchQuery } from '@/server/observability/metrics';

export async function runSearch(
  db: Db,
  raw: SearchInput,
  ctx: { requestId: string | null; sessionKey: string | null; personalizationOff?: boolean },
): Promise<SearchResult> {
  // Bad input is the caller's 400 before any model is involved.
  const input = searchInput.parse(raw);
  // Opted out: nothing about the visitor goes in, not even their key as the subject (ADR 014).
  const personalOn = Boolean(ctx.sessionKey && !ctx.personalizationOff);
  const subject = personalOn ? ctx.sessionKey! : (ctx.requestId ?? 'anonymous');
  // The affinities go in the decision input (so the log's digest covers them) whichever
  // version serves; only search.personalized reads them. Sorted pages ignore relevance.
  const personal =
    personalOn && input.sort === 'relevance'
      ? await shopperSearchAffinities(db, ctx.sessionKey!).catch(() => null)
      : null;
  const decisionInput: SearchDecisionInput = { ...input, personal };
  const decision = await decide<SearchResult>(db, 'search_ranking', subject, decisionInput, { requestId: ctx.requestId });
  const result: SearchResult = {
    ...decision.output,
    telemetry: {
      ...decision.output.telemetry,
      // Degraded either way: search's own embedder fallback, or the seam's version fallback.
      degraded: decision.output.telemetry.degraded || decision.telemetry.degraded,
      decisionId: decision.telemetry.decisionId,
      modelVersion: decision.telemetry.modelVersion,
    },
  };
  // One search per query a shopper types: paging through results is not another search.
  if (input.page === 1) {
    recordSearchQuery(result.zeroResult && Object.keys(input.filters).length === 0);
    recordQueryEvent(db, {
      requestId: ctx.requestId,
      sessionKey: ctx.sessionKey,
      query: result.query,
      resultCount: result.zeroResult ? 0 : result.total,
      // A query the merchant must fix, not a shopper's over-narrow filters.
      zeroResult: result.zeroResult && Object.keys(input.filters).length === 0,
      rankingVersion: result.telemetry.rankingVersion,
      strategy: result.telemetry.strategy,
      impressions: result.items.map((i) => i.productId),
    });
  }
  return result;
}
