// The events table is partitioned by UTC month of `ts` (events_pYYYY_MM, plus events_default
// for anything outside them). A daily cron creates the coming months ahead of time, and
// retention (privacy's `events` rule, which calls purgeEventsBefore) drops whole months that
// are past the retention age instead of deleting their rows one by one.
// Partition names are made here from dates, never from input.
import type { Db } from '@/server/db/client';
import { withTx } from '@/server/db/client';

export type EventPartition = { name: string; from: Date; to: Date };

const NAME = /^events_p(\d{4})_(\d{2})$/;
const BATCH = 5_000;

export function monthStart(d: Date): Date {
  return new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), 1));
}

export function addMonths(d: Date, n: number): Date {
  return new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + n, 1));
}

export function partitionName(month: Date): string {
  return `events_p${month.getUTCFullYear()}_${String(month.getUTCMonth() + 1).padStart(2, '0')}`;
}

/** The monthly partitions attached to `events`, oldest first (the default partition is not listed). */
export async function listEventPartitions(db: Db): Promise<EventPartition[]> {
  const rows = await db.$queryRaw<{ name: string }[]>`
    SELECT c.relname::text AS name FROM pg_inherits i
      JOIN pg_class c ON c.oid = i.inhrelid
      JOIN pg_class p ON p.oid = i.inhparent
     WHERE p.relname = 'events' AND p.relnamespace = to_regnamespace(current_schema())::oid`;
  const out: EventPartition[] = [];
  for (const r of rows) {
    const m = NAME.exec(r.name);
    if (!m) continue;
    const from = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, 1));
    out.push({ name: r.name, from, to: addMonths(from, 1) });
  }
  return out.sort((a, b) => a.from.getTime() - b.from.getTime());
}

/**
 * Makes sure the partitions for this month and the next `monthsAhead` exist. A month whose
 * events already landed in the default partition (a late cron, a skewed client clock) gets
 * them moved into its new partition in the same transaction, so attaching it cannot fail.
 */
export async function ensureEventPartitions(
  db: Db,
  opts: { now?: Date; monthsAhead?: number } = {},
): Promise<{ created: string[]; moved: number }> {
  const now = opts.now ?? new Date();
  const ahead = opts.monthsAhead ?? 3;
  const existing = new Set((await listEventPartitions(db)).map((p) => p.name));
  const created: string[] = [];
  let moved = 0;
  for (let i = 0; i <= ahead; i++) {
    const from = addMonths(monthStart(now), i);
    const name = partitionName(from);
    if (existing.has(name)) continue;
    const to = addMonths(from, 1);
    moved += await withTx(db, async (tx) => {
      // Serialises concurrent makers (two workers' crons); the loser sees the table and stops.
      await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext('events:partitions'))`;
      const [taken] = await tx.$queryRaw<{ exists: boolean }[]>`SELECT to_regclass(${name}) IS NOT NULL AS exists`;
      if (taken?.exists) return 0;
      await tx.$executeRawUnsafe(`CREATE TABLE "${name}" (LIKE events INCLUDING DEFAULTS)`);
      const n = await tx.$executeRawUnsafe(
        `WITH m AS (DELETE FROM events_default WHERE ts >= $1::timestamptz AND ts < $2::timestamptz RETURNING *)
         INSERT INTO "${name}" SELECT * FROM m`,
        from.toISOString(),
        to.toISOString(),
      );
      await tx.$executeRawUnsafe(
        `ALTER TABLE events ATTACH PARTITION "${name}" FOR VALUES FROM ('${from.toISOString()}') TO ('${to.toISOString()}')`,
      );
      created.push(name);
      return n;
    });
  }
  return { created, moved };
}

/**
 * Retention for the event log (privacy's `events` rule): months wholly before `cutoff` whose
 * events have all been handled by the runner are dropped; what is left before the cutoff in
 * the boundary month (and the default partition) is deleted in batches. Old unprocessed
 * events are a backlog, not history, and are kept. Returns the rows removed.
 */
export async function purgeEventsBefore(db: Db, cutoff: Date): Promise<{ rows: number; droppedPartitions: string[] }> {
  const dropped: string[] = [];
  let rows = 0;
  for (const p of await listEventPartitions(db)) {
    if (p.to.getTime() > cutoff.getTime()) continue;
    const n = await withTx(db, async (tx) => {
      await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext('events:partitions'))`;
      const [stat] = await tx.$queryRawUnsafe<{ total: number; pending: number }[]>(
        `SELECT count(*)::int AS total, count(*) FILTER (WHERE processed_at IS NULL)::int AS pending FROM "${p.name}"`,
      );
      if (!stat || stat.pending > 0) return null;
      await tx.$executeRawUnsafe(`ALTER TABLE events DETACH PARTITION "${p.name}"`);
      await tx.$executeRawUnsafe(`DROP TABLE "${p.name}"`);
      return stat.total;
    });
    if (n === null) continue;
    dropped.push(p.name);
    rows += n;
  }
  // The rest: a batch at a time by key, so no statement holds locks for long. (ctid is not
  // unique across partitions, so the generic ctid batching would hit other months' rows.)
  for (;;) {
    const n = await db.$executeRaw`
      DELETE FROM events WHERE (id, ts) IN (
        SELECT id, ts FROM events WHERE ts < ${cutoff} AND processed_at IS NOT NULL LIMIT ${BATCH})`;
    rows += n;
    if (n < BATCH) break;
  }
  // Dedupe keys of events that are gone (an unprocessed old event keeps its key).
  for (;;) {
    const n = await db.$executeRaw`
      DELETE FROM event_ids WHERE id IN (
        SELECT k.id FROM event_ids k WHERE k.ts < ${cutoff}
           AND NOT EXISTS (SELECT 1 FROM events e WHERE e.id = k.id AND e.ts = k.ts)
         LIMIT ${BATCH})`;
    if (n < BATCH) break;
  }
  return { rows, droppedPartitions: dropped };
}
