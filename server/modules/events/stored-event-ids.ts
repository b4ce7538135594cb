// Which of these event ids the events table has accepted (embedded mode): a stored event is
// durable and the runner fans it out, so whatever it triggers will run.
import type { Db } from '@/server/db/client';

export async function storedEventIds(db: Db, ids: string[]): Promise<Set<string>> {
  if (ids.length === 0) return new Set();
  const rows = await db.$queryRaw<{ id: string }[]>`SELECT id FROM event_ids WHERE id = ANY(${ids}::text[])`;
  return new Set(rows.map((r) => r.id));
}
