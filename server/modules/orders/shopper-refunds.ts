// What a shopper sees of their own order's refunds: amounts only (no staff, reasons or lines).
import type { Db } from '@/server/db/client';
import { getOrderForShopper } from '@/server/modules/checkout/get-order';
import { orderRefunds } from './refund-order';

export async function shopperRefunds(db: Db, orderId: string, who: { sessionKey: string | null; email?: string | null }) {
  await getOrderForShopper(db, orderId, who);
  const s = await orderRefunds(db, orderId);
  return {
    currency: s.currency,
    refundedCents: s.refundedCents,
    remainingCents: s.remainingCents,
    refunds: s.refunds.filter((r) => r.status === 'succeeded').map((r) => ({ id: r.id, amountCents: r.amountCents, at: r.completedAt ?? r.createdAt })),
  };
}
