// How many visitor sessions did anything, from the shopper event log (data.sessionKey), for
// conversion on the console dashboard.
import type { Db } from '@/server/db/client';

export async function activeSessionCount(db: Db, since: Date, until = new Date()): Promise<number> {
  const [row] = await db.$queryRaw<{ n: number }[]>`
    SELECT count(DISTINCT data->>'sessionKey')::int AS n FROM events
    WHERE ts >= ${since} AND ts <= ${until} AND data ? 'sessionKey'`;
  return row?.n ?? 0;
}
