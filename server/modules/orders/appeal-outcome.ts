import type { Db } from '@/server/db/client';

export type AppealOutcome = 'reinstated' | 'stock_unavailable' | 'not_reinstatable' | 'rejected';

/** The latest appeal outcome of an order (the shopper's explanation shows it). */
export async function latestAppeal(db: Db, orderId: string): Promise<{ outcome: AppealOutcome; detail: string; paid: boolean } | null> {
  const a = await db.orderAppeal.findFirst({ where: { orderId }, orderBy: { createdAt: 'desc' } });
  return a ? { outcome: a.outcome as AppealOutcome, detail: a.detail, paid: a.paidAt !== null } : null;
}
