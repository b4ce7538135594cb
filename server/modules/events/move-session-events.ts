// Sign-in history move (issue #10): a device's recent shopper events, recorded under its
// anonymous visitor key, become the signed-in shopper's (their visitor key), so what
// personalization reads follows them across devices. Only shopper/* events, only a bounded
// recent window: sign-in stays fast on a device with a long anonymous history.
import type { Db } from '@/server/db/client';
import { SHOPPER_EVENT_NAMES } from '@/inngest/events';

export async function moveSessionEvents(
  db: Db,
  opts: { from: string; to: string; since: Date; limit: number },
): Promise<{ moved: number }> {
  if (opts.from === opts.to) return { moved: 0 };
  const moved = await db.$executeRaw`
    UPDATE events SET data = jsonb_set(data, '{sessionKey}', to_jsonb(${opts.to}::text))
    WHERE id IN (
      SELECT id FROM events
      WHERE data->>'sessionKey' = ${opts.from} AND name = ANY(${[...SHOPPER_EVENT_NAMES]}::text[]) AND ts >= ${opts.since}
      ORDER BY ts DESC LIMIT ${opts.limit})`;
  return { moved };
}
