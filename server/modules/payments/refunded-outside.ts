// What other callers refunded on a payment: succeeded refund operations whose idempotency key
// is not one of the caller's own (the orders ledger keys its refunds `order-refund:<id>`, so
// it finds, for instance, the exception flow's apology for a held order).
import type { Db } from '@/server/db/client';

export async function refundedOutsideCents(db: Db, paymentId: string, ownKeyPrefix: string): Promise<number> {
  const r = await db.paymentOperation.aggregate({
    where: { paymentId, kind: 'refund', status: 'succeeded', NOT: { idempotencyKey: { startsWith: ownKeyPrefix } } },
    _sum: { amountCents: true },
  });
  return r._sum.amountCents ?? 0;
}
