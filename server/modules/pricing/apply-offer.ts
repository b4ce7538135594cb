import type { Db } from '@/server/db/client';

/** An offer was given on an order (e.g. refunded as an apology for a held order): record it once. */
export async function markOfferApplied(db: Db, offerId: string, orderId: string): Promise<boolean> {
  const r = await db.discountOffer.updateMany({
    where: { id: offerId, status: 'offered' },
    data: { status: 'redeemed', orderId, redeemedAt: new Date() },
  });
  return r.count === 1;
}
