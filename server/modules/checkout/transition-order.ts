import { withTx, type Db } from '@/server/db/client';
import { NotFoundError } from '@/server/errors';
import { newId } from '@/server/lib/ids';
import { publishOrderStatusChanged } from '@/server/modules/webhooks-out/publish-event';
import type { OrderStatusName } from './checkout.schema';
import { canTransition, IllegalTransitionError, STATUS_TIMESTAMP } from './order-status';

export type TransitionOpts = { reason?: string; actor?: string };

/** Locks the order row for the rest of the caller's transaction and returns its status. */
export async function lockOrder(tx: Db, orderId: string): Promise<OrderStatusName> {
  const rows = await tx.$queryRaw<{ status: OrderStatusName }[]>`SELECT status::text AS status FROM orders WHERE id = ${orderId} FOR UPDATE`;
  if (!rows[0]) throw new NotFoundError('order', orderId);
  return rows[0].status;
}

/**
 * Moves an order to `to` if the state machine allows it from its current status (else a
 * ConflictError), stamps the status's timestamp and records an order_events row. The row lock
 * serialises concurrent transitions of one order. Joins the caller's transaction.
 */
export async function transitionOrder(
  db: Db,
  orderId: string,
  to: OrderStatusName,
  opts: TransitionOpts = {},
): Promise<{ from: OrderStatusName; to: OrderStatusName }> {
  return withTx(db, async (tx) => {
    const from = await lockOrder(tx, orderId);
    if (!canTransition(from, to)) throw new IllegalTransitionError(orderId, from, to);
    const now = new Date();
    const stamp = STATUS_TIMESTAMP[to];
    await tx.order.update({ where: { id: orderId }, data: { status: to, ...(stamp ? { [stamp]: now } : {}) } });
    await tx.orderEvent.create({
      data: { id: newId('oev'), orderId, fromStatus: from, toStatus: to, reason: opts.reason ?? '', actor: opts.actor ?? 'system', createdAt: now },
    });
    // Merchant systems subscribed to order.* hear about it (stored in this transaction), once
    // per entry into the status (the event row above is counted).
    const entry = await tx.orderEvent.count({ where: { orderId, toStatus: to } });
    await publishOrderStatusChanged(tx, { orderId, from, to, reason: opts.reason, at: now, entry });
    return { from, to };
  });
}
