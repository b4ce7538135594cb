// Orders whose exception flow never started. placeOrder commits the order (authorised, or in
// review) and then sends `orders/order.placed`; a process that dies between the two, or a send
// that fails for good, left the order with nothing to capture its payment or queue it for a
// reviewer, and its stock held with no expiry. Every few minutes the event is sent again, with
// its fixed id, for such orders placed more than a minute and less than 23 hours ago (inside
// Inngest's 24-hour idempotency window; embedded mode's is permanent).
import type { Db } from '@/server/db/client';
import { send } from '@/inngest/send';
import { inngestMode } from '@/inngest/mode';
import { storedEventIds } from '@/server/modules/events/stored-event-ids';
import { orderPlacedEvent, orderPlacedEventId } from './order-placed-event';

const MIN_AGE_MS = 60_000;
const MAX_AGE_MS = 23 * 3_600_000;

export async function resumeUnstartedOrders(db: Db, now = new Date(), limit = 500): Promise<{ resent: string[] }> {
  const candidates = await db.order.findMany({
    where: {
      status: { in: ['authorized', 'in_review'] },
      createdAt: { gte: new Date(now.getTime() - MAX_AGE_MS), lte: new Date(now.getTime() - MIN_AGE_MS) },
    },
    select: { id: true },
    orderBy: { createdAt: 'asc' },
    take: limit,
  });
  let ids = candidates.map((o) => o.id);
  // Embedded: an order whose event is stored has its flow (running, waiting or done). With
  // Inngest the events live there: every candidate is sent, and the flow's idempotency key
  // (the order id) drops the ones already running.
  if (inngestMode() === 'embedded') {
    const stored = await storedEventIds(db, ids.map(orderPlacedEventId));
    ids = ids.filter((id) => !stored.has(orderPlacedEventId(id)));
  }
  if (ids.length > 0) await send(ids.map(orderPlacedEvent));
  return { resent: ids };
}
