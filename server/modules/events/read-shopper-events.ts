// Reading the shopper event log for modules that learn from behaviour (recommendations):
// one visitor's recent events, or every event of some names in a time range. Other modules
// call these instead of querying the events table.
import type { Db } from '@/server/db/client';
import type { ShopperEventName } from '@/inngest/events';

export type ShopperEventRow = { id: string; name: string; data: Record<string, unknown>; ts: Date };

/** A visitor's most recent events (newest first), by the session key carried in `data.sessionKey`. */
export async function recentEventsOfSession(
  db: Db,
  sessionKey: string,
  opts: { names: ShopperEventName[]; since: Date; limit: number },
): Promise<ShopperEventRow[]> {
  return db.$queryRaw<ShopperEventRow[]>`
    SELECT id, name, data, ts FROM events
    WHERE name = ANY(${opts.names}::text[]) AND ts >= ${opts.since} AND data->>'sessionKey' = ${sessionKey}
    ORDER BY ts DESC LIMIT ${opts.limit}`;
}

/** Events of the given names in [since, until), oldest first, a page at a time (keyset on ts, id). */
export async function shopperEventsBetween(
  db: Db,
  opts: { names: ShopperEventName[]; since: Date; until: Date; after?: { ts: Date; id: string }; limit?: number },
): Promise<ShopperEventRow[]> {
  const afterTs = opts.after?.ts ?? new Date(0);
  const afterId = opts.after?.id ?? '';
  return db.$queryRaw<ShopperEventRow[]>`
    SELECT id, name, data, ts FROM events
    WHERE name = ANY(${opts.names}::text[]) AND ts >= ${opts.since} AND ts < ${opts.until}
      AND (ts, id) > (${afterTs}, ${afterId})
    ORDER BY ts, id LIMIT ${opts.limit ?? 5000}`;
}
