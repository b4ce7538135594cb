// The door-facing search call: search, then log the query with its impressions after the
// response is built (never on the shopper's clock).
import type { Db } from '@/server/db/client';
import { recordQueryEvent } from './search-events';
import { searchProducts, type SearchResult } from './search-products';
import type { SearchInput } from './search.schema';

export async function runSearch(
  db: Db,
  input: SearchInput,
  ctx: { requestId: string | null; sessionKey: string | null },
): Promise<SearchResult> {
  const result = await searchProducts(db, input, { requestId: ctx.requestId ?? undefined });
  recordQueryEvent(db, {
    requestId: ctx.requestId,
    sessionKey: ctx.sessionKey,
    query: result.query,
    resultCount: result.zeroResult ? 0 : result.total,
    zeroResult: result.zeroResult,
    rankingVersion: result.telemetry.rankingVersion,
    strategy: result.telemetry.strategy,
    impressions: result.items.map((i) => i.productId),
  });
  return result;
}
