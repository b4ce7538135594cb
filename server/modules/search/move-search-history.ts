// Sign-in history move (issue #10): a device's recent searches (queries and result clicks),
// recorded under its anonymous visitor key, become the signed-in shopper's, so "recent
// searches" and the affinities personalization reads follow them. Search owns search_events.
import type { Db } from '@/server/db/client';

export async function moveSearchHistory(
  db: Db,
  opts: { from: string; to: string; since: Date; limit: number },
): Promise<{ moved: number }> {
  if (opts.from === opts.to) return { moved: 0 };
  const moved = await db.$executeRaw`
    UPDATE search_events SET session_key = ${opts.to}
    WHERE id IN (
      SELECT id FROM search_events WHERE session_key = ${opts.from} AND created_at >= ${opts.since}
      ORDER BY created_at DESC LIMIT ${opts.limit})`;
  return { moved };
}
