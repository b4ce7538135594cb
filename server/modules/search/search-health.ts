// Search health for the console dashboard: zero-result rate from the stored query events.
import type { Db } from '@/server/db/client';

export async function searchZeroResultRate(db: Db, since: Date, until = new Date()) {
  const [row] = await db.$queryRaw<{ queries: number; zero: number }[]>`
    SELECT count(*)::int AS queries, count(*) FILTER (WHERE zero_result)::int AS zero
    FROM search_events WHERE type = 'query' AND created_at >= ${since} AND created_at <= ${until}`;
  const queries = row?.queries ?? 0;
  const zero = row?.zero ?? 0;
  return { queries, zeroResult: zero, zeroResultRate: queries ? zero / queries : null };
}
