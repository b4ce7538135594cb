import { withTx, type Db } from '@/server/db/client';
import { commitReservations } from '@/server/modules/inventory/commit-stock';
import { releaseReservations } from '@/server/modules/inventory/release-stock';
import { restockOrder } from '@/server/modules/inventory/restock';
import { revokeDiscounts } from '@/server/modules/pricing/price-cart';
import type { TransitionOpts } from './transition-order';
import { lockOrder, transitionOrder } from './transition-order';

/** Compensation: gives the order's reserved units back. Idempotent; returns units released. */
export function releaseOrderStock(db: Db, orderId: string): Promise<number> {
  return releaseReservations(db, orderId);
}

/** On capture: the reserved units leave stock on hand. Idempotent; returns units committed. */
export function commitOrderStock(db: Db, orderId: string): Promise<number> {
  return commitReservations(db, orderId);
}

/**
 * Cancels an order with its compensations in one transaction: status → cancelled (validated),
 * stock released, discount redemptions revoked. Cancelling a cancelled order is a no-op;
 * from paid or later it is an illegal transition (refund instead). Payment void is the
 * caller's (it talks to the provider).
 */
export async function cancelOrder(db: Db, orderId: string, opts: TransitionOpts = {}): Promise<{ cancelled: boolean; released: number }> {
  return withTx(db, async (tx) => {
    if ((await lockOrder(tx, orderId)) === 'cancelled') return { cancelled: false, released: await releaseReservations(tx, orderId) };
    await transitionOrder(tx, orderId, 'cancelled', opts);
    const released = await releaseReservations(tx, orderId);
    await revokeDiscounts(tx, { orderId });
    return { cancelled: true, released };
  });
}

/**
 * Compensation once the money went back on an order that never shipped (refunded, or cancelled
 * by a payment update meanwhile): the units a capture committed return to the shelf and the
 * order's discount redemptions are revoked (promotion uses given back, offers 'revoked'), in
 * one transaction. Idempotent: a repeat restocks and revokes nothing.
 */
export async function restockAndRevokeDiscounts(db: Db, orderId: string): Promise<{ restocked: number; revoked: { promotions: number; offers: number } }> {
  return withTx(db, async (tx) => {
    const restocked = await restockOrder(tx, orderId);
    const revoked = await revokeDiscounts(tx, { orderId });
    return { restocked, revoked };
  });
}
