// A visitor's recent searches, for recommendations' category affinities (search owns the
// search_events table; others call this instead of reading it).
import type { Db } from '@/server/db/client';

export async function recentQueriesOfSession(
  db: Db,
  sessionKey: string,
  opts: { since: Date; limit: number },
): Promise<{ query: string; ts: Date }[]> {
  const rows = await db.searchEvent.findMany({
    where: { sessionKey, type: 'query', createdAt: { gte: opts.since } },
    orderBy: { createdAt: 'desc' },
    take: opts.limit,
    select: { query: true, createdAt: true },
  });
  return rows.filter((r) => r.query).map((r) => ({ query: r.query!, ts: r.createdAt }));
}
