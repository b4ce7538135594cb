// On sign-in, the device's anonymous browsing history (shopper events and searches under its
// visitor key) becomes the shopper's, so recommendations and personalized search follow them
// to every device (ADR 029). Not when personalization is off on the device: then nothing about
// the visit is used, and it is not carried into the account either. Orders and experiment
// assignments stay where they are (guest orders are not claimed by email; arms are per unit).
import type { Db } from '@/server/db/client';
import { moveSessionEvents } from '@/server/modules/events/move-session-events';
import { moveSearchHistory } from '@/server/modules/search/move-search-history';
import { logger } from '@/server/observability/logger';

/** The same window personalization reads (recommendations' shopperSignals: 30 days). */
export const HISTORY_MOVE_DAYS = 30;
/** At most this many rows per table are moved: personalization reads the newest 200 events, 20 queries. */
export const HISTORY_MOVE_LIMIT = 1_000;

export type HistoryMove = { events: number; searches: number; skipped: null | 'personalization_off' | 'same_key' | 'no_key' | 'failed' };

export async function moveAnonymousHistory(
  db: Db,
  opts: { anonymousKey: string | null; shopperKey: string; personalizationOff: boolean; now?: Date },
): Promise<HistoryMove> {
  if (opts.personalizationOff) return { events: 0, searches: 0, skipped: 'personalization_off' };
  if (!opts.anonymousKey) return { events: 0, searches: 0, skipped: 'no_key' };
  if (opts.anonymousKey === opts.shopperKey) return { events: 0, searches: 0, skipped: 'same_key' };
  const since = new Date((opts.now ?? new Date()).getTime() - HISTORY_MOVE_DAYS * 86_400_000);
  const move = { from: opts.anonymousKey, to: opts.shopperKey, since, limit: HISTORY_MOVE_LIMIT };
  try {
    const [events, searches] = await Promise.all([moveSessionEvents(db, move), moveSearchHistory(db, move)]);
    return { events: events.moved, searches: searches.moved, skipped: null };
  } catch (err) {
    // The shopper is signed in either way; their old device history just stays where it was.
    logger.warn({ err }, 'sign-in history move failed');
    return { events: 0, searches: 0, skipped: 'failed' };
  }
}
