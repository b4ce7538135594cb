// The partitioned event log on a real database (Postgres server with TEST_DATABASE_URL, else
// the embedded PGlite): monthly partitions exist ahead of time, id dedupe still holds across
// months, a 30-day read touches only the recent partitions, the cron's maker moves stray rows
// out of the default partition, and retention drops whole expired months.
import { describe, expect, it } from 'vitest';
import { useTestDatabase } from '@/server/db/testing';
import { applyRetentionRule } from '@/server/modules/privacy/retention';
import { addMonths, ensureEventPartitions, listEventPartitions, monthStart, partitionName } from './event-partitions';
import { insertEvents } from './insert-events';

const getDb = useTestDatabase();
const db = () => getDb().prisma;
const q = (sql: string, params?: unknown[]) => getDb().query(sql, params);
const DAY = 86_400_000;

/** Every relation an EXPLAIN (FORMAT JSON) plan scans. */
function scanned(plan: unknown, out = new Set<string>()): Set<string> {
  if (Array.isArray(plan)) plan.forEach((p) => scanned(p, out));
  else if (plan && typeof plan === 'object') {
    for (const [k, v] of Object.entries(plan)) {
      if (k === 'Relation Name' && typeof v === 'string') out.add(v);
      else scanned(v, out);
    }
  }
  return out;
}

async function explain(sql: string): Promise<Set<string>> {
  const { rows } = await q(`EXPLAIN (FORMAT JSON) ${sql}`);
  const raw = (rows[0] as Record<string, unknown>)['QUERY PLAN'];
  return scanned(typeof raw === 'string' ? JSON.parse(raw) : raw);
}

const whereIs = async (id: string) =>
  (await q(`SELECT tableoid::regclass::text AS part FROM events WHERE id = $1`, [id])).rows.map((r) => (r as { part: string }).part);

describe('partitioned events', () => {
  it('is a partitioned table with the last twelve months, this one and the next three ready', async () => {
    const { rows } = await q(`SELECT relkind::text AS kind FROM pg_class WHERE relname = 'events'`);
    expect((rows[0] as { kind: string }).kind).toBe('p');
    const names = (await listEventPartitions(db())).map((p) => p.name);
    const now = monthStart(new Date());
    for (let i = -12; i <= 3; i++) expect(names).toContain(partitionName(addMonths(now, i)));
    // Prisma still reads and writes it as a plain table.
    await db().event.create({ data: { id: 'prisma-row-1', name: 'test/prisma', ts: new Date() } });
    expect(await db().event.count({ where: { id: 'prisma-row-1' } })).toBe(1);
  });

  it('dedupes event ids across months and within a batch', async () => {
    const now = Date.now();
    const first = await insertEvents(db(), [
      { id: 'dup-evt-0001', name: 'test/dup', ts: now },
      { id: 'dup-evt-0001', name: 'test/dup', ts: now - 40 * DAY },
      { id: 'dup-evt-0002', name: 'test/dup', ts: now - 40 * DAY },
    ]);
    expect([...first.inserted].sort()).toEqual(['dup-evt-0001', 'dup-evt-0002']);
    // A retry of the same id with a different time (another month) is still a duplicate.
    const again = await insertEvents(db(), [{ id: 'dup-evt-0001', name: 'test/dup', ts: now - 70 * DAY }]);
    expect(again.inserted.size).toBe(0);
    const { rows } = await q(`SELECT id, ts FROM events WHERE name = 'test/dup' ORDER BY id`);
    expect(rows).toHaveLength(2);
    expect(new Date((rows[0] as { ts: string }).ts).getTime()).toBe(now);
    expect(await whereIs('dup-evt-0002')).toEqual([partitionName(monthStart(new Date(now - 40 * DAY)))]);
  });

  it('scans only the recent months for a 30-day read', async () => {
    const now = new Date();
    const since = new Date(now.getTime() - 30 * DAY);
    const rels = await explain(
      `SELECT count(DISTINCT data->>'sessionKey') FROM events
        WHERE ts >= '${since.toISOString()}' AND ts <= '${now.toISOString()}' AND data ? 'sessionKey'`,
    );
    const expected = new Set([partitionName(monthStart(since)), partitionName(monthStart(now))]);
    expect(rels).toEqual(expected);
    expect(rels.size).toBeLessThanOrEqual(2);
    expect(rels.has('events_default')).toBe(false);
  });

  it('creates missing months ahead, moving their stray rows out of the default partition', async () => {
    const far = addMonths(monthStart(new Date()), 8);
    const ts = far.getTime() + 3 * DAY;
    await insertEvents(db(), [{ id: 'future-evt-0001', name: 'test/future', ts }]);
    expect(await whereIs('future-evt-0001')).toEqual(['events_default']);

    const out = await ensureEventPartitions(db(), { now: addMonths(far, -1), monthsAhead: 2 });
    expect(out.created).toEqual([-1, 0, 1].map((i) => partitionName(addMonths(far, i))));
    expect(out.moved).toBe(1);
    expect(await whereIs('future-evt-0001')).toEqual([partitionName(far)]);
    // Running it again is a no-op.
    expect(await ensureEventPartitions(db(), { now: addMonths(far, -1), monthsAhead: 2 })).toEqual({ created: [], moved: 0 });
    // The moved row kept its indexes: a keyed lookup finds it through the partition's primary key.
    expect(await db().event.count({ where: { id: 'future-evt-0001', ts: new Date(ts) } })).toBe(1);
  });

  it('retention drops whole expired months, keeps one with unprocessed events, and deletes the rest by key', async () => {
    const now = new Date();
    // Two old months (a year and a half ago), each given a partition.
    const oldA = addMonths(monthStart(now), -18);
    const oldB = addMonths(monthStart(now), -17);
    await ensureEventPartitions(db(), { now: oldA, monthsAhead: 1 });
    await insertEvents(db(), [
      { id: 'old-a-evt-001', name: 'test/old', ts: oldA.getTime() + DAY },
      { id: 'old-a-evt-002', name: 'test/old', ts: oldA.getTime() + 2 * DAY },
    ], { processed: true });
    await insertEvents(db(), [{ id: 'old-b-pending', name: 'test/old', ts: oldB.getTime() + DAY }]);
    await insertEvents(db(), [{ id: 'old-b-evt-001', name: 'test/old', ts: oldB.getTime() + 2 * DAY }], { processed: true });
    // Older still, in the default partition (no month for it), processed.
    await insertEvents(db(), [{ id: 'ancient-evt-1', name: 'test/old', ts: addMonths(oldA, -10).getTime() }], { processed: true });
    await insertEvents(db(), [{ id: 'recent-evt-01', name: 'test/old', ts: now.getTime() - DAY }], { processed: true });

    const out = await applyRetentionRule(db(), 'events', now);
    expect(out.rows).toBe(4); // two dropped with old A's partition, one from old B, one from default
    const names = (await listEventPartitions(db())).map((p) => p.name);
    expect(names).not.toContain(partitionName(oldA));
    expect(names).toContain(partitionName(oldB));
    const left = (await q(`SELECT id FROM events WHERE name = 'test/old' ORDER BY id`)).rows.map((r) => (r as { id: string }).id);
    expect(left).toEqual(['old-b-pending', 'recent-evt-01']);
    const keys = (await q(`SELECT id FROM event_ids WHERE id LIKE 'old-%' OR id LIKE 'ancient%' ORDER BY id`)).rows.map((r) => (r as { id: string }).id);
    expect(keys).toEqual(['old-b-pending']);
  });
});
