// Nightly: yesterday's popularity counts for less, so ranking follows what shoppers want now.
import type { Db } from '@/server/db/client';
import { publishInvalidation } from '@/server/lib/cache-bus';

export const POPULARITY_DECAY = 0.9;

export async function decayPopularity(db: Db, factor = POPULARITY_DECAY): Promise<{ updated: number }> {
  if (!(factor >= 0 && factor <= 1)) throw new RangeError(`decay factor must be in [0, 1], got ${factor}`);
  const updated = await db.$executeRaw`UPDATE search_documents SET popularity = popularity * ${factor} WHERE popularity <> 0`;
  await publishInvalidation(db, 'search.index');
  return { updated };
}
