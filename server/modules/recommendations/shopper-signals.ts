// What a visitor has done recently, read from the shopper event log and search history by
// their session key. Called only when personalization is on for them.
import type { Db } from '@/server/db/client';
import { recentEventsOfSession } from '@/server/modules/events/read-shopper-events';
import { recentQueriesOfSession } from '@/server/modules/search/recent-queries';
import { BUY_EVENTS, LEARNING_EVENTS, productIdsOf } from './shopper-events';
import type { z } from 'zod';
import type { signalsSchema } from './recs.schema';

export type Signals = z.infer<typeof signalsSchema>;

const WINDOW_DAYS = 30;

export async function shopperSignals(db: Db, sessionKey: string, now = Date.now()): Promise<Signals> {
  const since = new Date(now - WINDOW_DAYS * 86_400_000);
  const [events, queries] = await Promise.all([
    recentEventsOfSession(db, sessionKey, { names: LEARNING_EVENTS, since, limit: 200 }),
    recentQueriesOfSession(db, sessionKey, { since, limit: 20 }),
  ]);
  const viewed: Signals['viewed'] = [];
  const bought: Signals['bought'] = [];
  for (const e of events) {
    const list = (BUY_EVENTS as string[]).includes(e.name) ? bought : viewed;
    for (const productId of productIdsOf(e.data)) list.push({ productId, ts: e.ts.getTime() });
  }
  return {
    viewed: viewed.slice(0, 100),
    bought: bought.slice(0, 100),
    searches: queries.map((q) => ({ query: q.query.slice(0, 200), ts: q.ts.getTime() })),
  };
}
