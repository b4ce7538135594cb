import type { Db } from '@/server/db/client';
import type { PaymentStatus } from '@/server/modules/payments/payments-service';
import { PAYMENT_RANK } from './payment-rank';

/**
 * Notes a payment status on the order without moving the order (the caller moves it), and
 * only forward: a later status never gives way to an earlier one. Used by compensations that
 * return money for an order that was never paid (refund → the order is cancelled, not refunded).
 */
export async function recordPaymentStatus(db: Db, orderId: string, status: PaymentStatus): Promise<void> {
  const lower = (Object.keys(PAYMENT_RANK) as PaymentStatus[]).filter((s) => PAYMENT_RANK[s] < PAYMENT_RANK[status]);
  await db.order.updateMany({ where: { id: orderId, OR: [{ paymentStatus: null }, { paymentStatus: { in: lower } }] }, data: { paymentStatus: status } });
}
