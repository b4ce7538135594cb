import { withTx, type Db } from '@/server/db/client';
import { commitReservations } from '@/server/modules/inventory/commit-stock';
import { releaseReservations } from '@/server/modules/inventory/release-stock';
import type { PaymentStatus } from '@/server/modules/payments/payments-service';
import { wasReinstated } from '@/server/modules/orders/reinstated-order';
import { revokeDiscounts } from '@/server/modules/pricing/price-cart';
import type { OrderStatusName } from './checkout.schema';
import { lockOrder, transitionOrder } from './transition-order';
import { logger } from '@/server/observability/logger';

/** Payment statuses only move forward; a later rank never gives way to an earlier one. */
const RANK: Record<PaymentStatus, number> = { authorized: 1, captured: 2, refunded: 3, declined: 3, voided: 3, failed: 3 };

const FAILED: PaymentStatus[] = ['voided', 'declined', 'failed'];

const OPEN: OrderStatusName[] = ['pending_payment', 'authorized', 'in_review', 'on_hold'];

export type PaymentUpdate = { paymentId: string; orderId: string; status: PaymentStatus };

/**
 * Applies a payment status to its order, idempotently and in any arrival order: each status
 * maps to a target, and the order only walks forward along legal transitions toward it
 * (captured → paid, even if 'authorized' arrives later; voided/declined/failed → cancelled
 * with stock released and discounts revoked; refunded → refunded through paid). Repeats and
 * stale statuses are no-ops. The order row lock makes concurrent deliveries take turns.
 */
export async function applyPaymentUpdate(db: Db, update: PaymentUpdate): Promise<{ from: OrderStatusName; to: OrderStatusName; applied: string[] }> {
  return withTx(db, async (tx) => {
    const from = await lockOrder(tx, update.orderId);
    const order = await tx.order.findUniqueOrThrow({ where: { id: update.orderId }, select: { paymentStatus: true, paymentId: true } });
    const applied: string[] = [];
    // A reinstated order (an approved appeal) waits for a new payment: a failure of any other
    // payment (the refused one's void replayed, a declined retry) must not cancel it again; the
    // reservation's expiry cancels it if the shopper never pays.
    if (FAILED.includes(update.status) && order.paymentId !== update.paymentId && (await wasReinstated(tx, update.orderId)))
      return { from, to: from, applied };
    const prevRank = order.paymentStatus ? (RANK[order.paymentStatus as PaymentStatus] ?? 0) : 0;
    if (RANK[update.status] > prevRank) {
      await tx.order.update({ where: { id: update.orderId }, data: { paymentStatus: update.status, paymentId: update.paymentId } });
    }
    const reason = `payment ${update.status}`;
    const step = async (to: OrderStatusName) => {
      await transitionOrder(tx, update.orderId, to, { reason, actor: 'payments' });
      applied.push(to);
    };
    let status = from;
    switch (update.status) {
      case 'authorized':
        // placeOrder moves the order out of pending_payment once risk has spoken.
        break;
      case 'captured':
      case 'refunded': {
        if (['pending_payment', 'in_review', 'on_hold'].includes(status)) {
          await step('authorized');
          status = 'authorized';
        }
        if (status === 'authorized') {
          await step('paid');
          status = 'paid';
          await commitReservations(tx, update.orderId);
        }
        if (update.status === 'refunded' && (status === 'paid' || status === 'fulfilled')) {
          await step('refunded');
          status = 'refunded';
        }
        if (from === 'cancelled' && update.status === 'captured') {
          // Money moved on an order we already cancelled: the function that called this
          // refunds it (releaseMoneyOnCancelledOrder); say so loudly.
          logger.error({ orderId: update.orderId }, 'payment captured on a cancelled order; refunding it');
        }
        break;
      }
      case 'voided':
      case 'declined':
      case 'failed':
        if (OPEN.includes(status)) {
          await step('cancelled');
          await releaseReservations(tx, update.orderId);
          await revokeDiscounts(tx, { orderId: update.orderId });
        }
        break;
    }
    const final = applied.at(-1) ?? from;
    return { from, to: final as OrderStatusName, applied };
  });
}
