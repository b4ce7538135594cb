// The discount offer attached to a cart (one at most): the cart recovery link attaches the
// offer its email promised; the cart page and checkout price it through pricing (priceCart),
// which decides whether it still applies (expired, used, someone else's). The row goes with
// the cart (ordered carts are deleted).
import type { Db } from '@/server/db/client';

export async function attachCartOffer(db: Db, input: { cartId: string; offerId: string; attemptId?: string | null }): Promise<void> {
  await db.cartOffer.upsert({
    where: { cartId: input.cartId },
    create: { cartId: input.cartId, offerId: input.offerId, attemptId: input.attemptId ?? null },
    update: { offerId: input.offerId, attemptId: input.attemptId ?? null, attachedAt: new Date() },
  });
}

export async function cartOfferId(db: Db, cartId: string): Promise<string | null> {
  const row = await db.cartOffer.findUnique({ where: { cartId }, select: { offerId: true } });
  return row?.offerId ?? null;
}
