// Search analytics: each query with its impressions, and clicks/add-to-carts with position.
// Query events are written after the response (batched) so logging never slows a search.
import { z } from 'zod';
import { Prisma } from '@/server/db/generated/client';
import type { Db } from '@/server/db/client';
import { newId } from '@/server/lib/ids';
import { logger } from '@/server/observability/logger';
import { normalizeText } from './text';

export type QueryEvent = {
  requestId: string | null;
  sessionKey: string | null;
  query: string;
  resultCount: number;
  zeroResult: boolean;
  rankingVersion: number;
  strategy: string;
  impressions: string[];
};

let buffer: { db: Db; event: QueryEvent }[] = [];
let flushing: Promise<void> | undefined;

export function recordQueryEvent(db: Db, event: QueryEvent): void {
  buffer.push({ db, event });
  if (!flushing) flushing = new Promise((resolve) => setImmediate(resolve)).then(flushSearchEvents);
}

/** Writes buffered query events; awaited by tests and on shutdown. */
export async function flushSearchEvents(): Promise<void> {
  const batch = buffer;
  buffer = [];
  flushing = undefined;
  const byDb = new Map<Db, QueryEvent[]>();
  for (const { db, event } of batch) byDb.set(db, [...(byDb.get(db) ?? []), event]);
  for (const [db, events] of byDb) {
    await db.searchEvent
      .createMany({
        data: events.map((e) => ({
          id: newId('sev'),
          type: 'query' as const,
          requestId: e.requestId,
          sessionKey: e.sessionKey,
          query: e.query,
          queryNorm: normalizeText(e.query),
          resultCount: e.resultCount,
          zeroResult: e.zeroResult,
          rankingVersion: e.rankingVersion,
          strategy: e.strategy,
          impressions: e.impressions,
        })),
      })
      .catch((err: unknown) => logger.error({ count: events.length, err }, 'search events lost'));
  }
}

export const interactionInput = z.object({
  type: z.enum(['click', 'add_to_cart']),
  productId: z.string().min(1).max(64),
  position: z.number().int().min(1).max(10_000),
  query: z.string().trim().min(1).max(200),
  requestId: z.string().max(128).optional(),
});
export type InteractionInput = z.infer<typeof interactionInput>;

/** How much an interaction adds to a product's popularity signal. */
const POPULARITY: Record<InteractionInput['type'], number> = { click: 1, add_to_cart: 3 };

export async function recordInteraction(db: Db, raw: InteractionInput, sessionKey: string | null) {
  const input = interactionInput.parse(raw);
  await db.$transaction([
    db.searchEvent.create({
      data: {
        id: newId('sev'),
        type: input.type,
        requestId: input.requestId ?? null,
        sessionKey,
        query: input.query,
        queryNorm: normalizeText(input.query),
        productId: input.productId,
        position: input.position,
      },
    }),
    db.searchDocument.updateMany({
      where: { productId: input.productId },
      data: { popularity: { increment: POPULARITY[input.type] } },
    }),
  ]);
  return { recorded: true };
}

export type QueryReportRow = { query: string; searches: number; clicks: number; ctr: number; zeroResults: number; lastSeen: Date };

/** Top queries (by searches) or zero-result queries over the last `days`, with click-through. */
export async function queryReport(db: Db, opts: { days: number; zeroOnly?: boolean; limit?: number }): Promise<QueryReportRow[]> {
  const rows = await db.$queryRaw<{ q: string; searches: bigint; clicks: bigint; zero: bigint; last_seen: Date }[]>`
    SELECT query_norm AS q,
      count(*) FILTER (WHERE type = 'query') AS searches,
      count(*) FILTER (WHERE type = 'click') AS clicks,
      count(*) FILTER (WHERE type = 'query' AND zero_result) AS zero,
      max(created_at) AS last_seen
    FROM search_events
    WHERE query_norm IS NOT NULL AND created_at > now() - make_interval(days => ${opts.days})
    GROUP BY query_norm
    HAVING count(*) FILTER (WHERE type = 'query') > 0
      AND (${!opts.zeroOnly} OR count(*) FILTER (WHERE type = 'query' AND zero_result) > 0)
    ORDER BY ${Prisma.raw(opts.zeroOnly ? 'zero' : 'searches')} DESC, q
    LIMIT ${opts.limit ?? 50}`;
  return rows.map((r) => {
    const searches = Number(r.searches);
    const clicks = Number(r.clicks);
    return { query: r.q, searches, clicks, ctr: searches ? clicks / searches : 0, zeroResults: Number(r.zero), lastSeen: r.last_seen };
  });
}

/** Clicks and add-to-carts per search request id: the join key for per-version KPIs. */
export async function interactionsByRequest(db: Db, requestIds: string[]): Promise<Map<string, { clicks: number; addToCarts: number }>> {
  const out = new Map<string, { clicks: number; addToCarts: number }>();
  if (requestIds.length === 0) return out;
  const rows = await db.searchEvent.groupBy({
    by: ['requestId', 'type'],
    where: { requestId: { in: requestIds }, type: { in: ['click', 'add_to_cart'] } },
    _count: { _all: true },
  });
  for (const r of rows) {
    if (!r.requestId) continue;
    const e = out.get(r.requestId) ?? { clicks: 0, addToCarts: 0 };
    if (r.type === 'click') e.clicks += r._count._all;
    else e.addToCarts += r._count._all;
    out.set(r.requestId, e);
  }
  return out;
}
