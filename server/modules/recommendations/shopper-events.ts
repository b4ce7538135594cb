// Shopper events as recommendations read them: which products an event touched, and
// a visitor's events split into sessions by inactivity.
import { z } from 'zod';
import type { ShopperEventName } from '@/inngest/events';
import type { Session } from './algorithms';

/** The event names recommendations learn from. */
export const VIEW_EVENTS: ShopperEventName[] = ['shopper/page.viewed', 'shopper/product.clicked'];
export const BUY_EVENTS: ShopperEventName[] = ['shopper/cart.item_added', 'shopper/checkout.completed'];
export const LEARNING_EVENTS: ShopperEventName[] = [...VIEW_EVENTS, ...BUY_EVENTS];

/**
 * The payload fields recommendations read (every field optional: the log holds events from
 * several producers). Checkout sends `productIds` or `lines`; views and carts `productId`.
 */
export const recsEventData = z
  .object({
    sessionKey: z.string().min(1).max(64).optional(),
    productId: z.string().min(1).max(64).optional(),
    productIds: z.array(z.string().min(1).max(64)).max(200).optional(),
    lines: z
      .array(z.object({ productId: z.string().min(1).max(64) }).passthrough())
      .max(200)
      .optional(),
    query: z.string().max(200).optional(),
  })
  .passthrough();

export function productIdsOf(data: unknown): string[] {
  const parsed = recsEventData.safeParse(data);
  if (!parsed.success) return [];
  const d = parsed.data;
  return [
    ...new Set([
      ...(d.productId ? [d.productId] : []),
      ...(d.productIds ?? []),
      ...(d.lines ?? []).map((l) => l.productId),
    ]),
  ];
}

export function sessionKeyOf(data: unknown): string | null {
  const parsed = recsEventData.safeParse(data);
  return parsed.success ? (parsed.data.sessionKey ?? null) : null;
}

export type LogEvent = { name: string; data: unknown; ts: number };

/** Groups events by visitor, then splits a visitor's events where they paused longer than `gapMinutes`. */
export function eventsToSessions(events: LogEvent[], gapMinutes: number): Session[] {
  const byVisitor = new Map<string, LogEvent[]>();
  for (const e of events) {
    const key = sessionKeyOf(e.data);
    if (!key) continue; // opted-out and anonymous-without-cookie events carry no key
    const list = byVisitor.get(key) ?? [];
    list.push(e);
    byVisitor.set(key, list);
  }
  const sessions: Session[] = [];
  for (const [key, list] of byVisitor) {
    list.sort((a, b) => a.ts - b.ts);
    let cur: Session | null = null;
    for (const e of list) {
      if (!cur || e.ts - cur.ts > gapMinutes * 60_000) {
        cur = { key, ts: e.ts, views: [], buys: [] };
        sessions.push(cur);
      }
      cur.ts = e.ts;
      const ids = productIdsOf(e.data);
      if ((VIEW_EVENTS as string[]).includes(e.name)) cur.views.push(...ids);
      else if ((BUY_EVENTS as string[]).includes(e.name)) cur.buys.push(...ids);
    }
  }
  return sessions;
}
