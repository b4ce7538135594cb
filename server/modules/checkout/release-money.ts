import type { Db } from '@/server/db/client';
import { refundPayment, voidPayment } from '@/server/modules/payments/payments-service';
import { logger } from '@/server/observability/logger';

export type ReleasedMoney = { voided: string[]; refunded: string[] };

/**
 * Money must not stay held on an order we cancelled. This releases it: an authorisation is
 * voided and a capture is refunded in full. It covers the cases the order flow cannot see —
 * the process died between authorising and moving the order (reservation expiry cancels it
 * later), or the provider authorised or captured after we had given up (its webhook arrives
 * on a cancelled order). Idempotent: the keys are fixed per payment, so a retry or a second
 * trigger does nothing more. Orders that are not cancelled are left alone.
 */
export async function releaseMoneyOnCancelledOrder(db: Db, orderId: string): Promise<ReleasedMoney> {
  const order = await db.order.findUnique({ where: { id: orderId }, select: { status: true } });
  const released: ReleasedMoney = { voided: [], refunded: [] };
  if (order?.status !== 'cancelled') return released;
  const payments = await db.payment.findMany({
    where: { orderId, status: { in: ['authorized', 'captured'] } },
    select: { id: true, status: true, amountCapturedCents: true, amountRefundedCents: true },
  });
  for (const p of payments) {
    if (p.status === 'authorized') {
      await voidPayment(db, { paymentId: p.id, idempotencyKey: `cancelled-order:void:${p.id}` });
      released.voided.push(p.id);
    } else if (p.amountCapturedCents > p.amountRefundedCents) {
      await refundPayment(db, { paymentId: p.id, idempotencyKey: `cancelled-order:refund:${p.id}` });
      released.refunded.push(p.id);
    }
  }
  if (released.voided.length || released.refunded.length)
    logger.warn({ orderId, ...released }, 'released money held on a cancelled order');
  return released;
}
