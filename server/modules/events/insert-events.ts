// The append-only events table, deduplicated by event id (a repeated id is a duplicate,
// not an error). Every producer — shopper ingestion, app sends, step.sendEvent — lands here.
import type { Db } from '@/server/db/client';
import { hotQuery, hotStatement } from '@/server/db/hot-sql';
import { newId } from '@/server/lib/ids';

export type IncomingEvent = { id?: string; name: string; data?: Record<string, unknown>; ts?: number };
export type StoredEvent = { id: string; name: string; data: Record<string, unknown>; ts: number };

/** Inserts events; `inserted` holds the ids that were new. `processed` marks rows nothing local fans out. */
export async function insertEvents(
  db: Db,
  events: IncomingEvent[],
  opts: { source?: string; processed?: boolean } = {},
): Promise<{ stored: StoredEvent[]; inserted: Set<string> }> {
  const stored = events.map((e) => ({ id: e.id ?? newId('evt'), name: e.name, data: e.data ?? {}, ts: e.ts ?? Date.now() }));
  if (stored.length === 0) return { stored, inserted: new Set() };
  // The events table is partitioned by month (its key is (id, ts)), so the id's uniqueness is
  // claimed in event_ids first: only ids new there become rows, and a repeat in the same batch
  // keeps its first occurrence. Straight to the pool when the client has one (every checkout
  // sends several events: ADR 025).
  const rows = await hotQuery<{ id: string }>(db, hotStatement(
    `WITH e AS (
       SELECT DISTINCT ON (r.id) r.id, r.name, r.data, to_timestamp(r.ts / 1000.0) AS ts
         FROM ROWS FROM (jsonb_to_recordset($1::jsonb) AS (id text, name text, data jsonb, ts float8)) WITH ORDINALITY AS r(id, name, data, ts, n)
        ORDER BY r.id, r.n
     ), fresh AS (
       INSERT INTO event_ids (id, ts) SELECT id, ts FROM e ON CONFLICT (id) DO NOTHING RETURNING id
     )
     INSERT INTO events (id, name, data, source, ts, processed_at)
     SELECT e.id, e.name, e.data, $2, e.ts, CASE WHEN $3 THEN now() END FROM e JOIN fresh USING (id)
     RETURNING id`,
    [JSON.stringify(stored), opts.source ?? 'app', opts.processed ?? false],
  ));
  return { stored, inserted: new Set(rows.map((r) => r.id)) };
}
