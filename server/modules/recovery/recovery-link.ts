// The link in a recovery email: it names the attempt, which knows the cart's session and the
// offer the email promised. Following it restores the cart and attaches that offer to it, so
// the cart shows the discount and checkout applies it (pricing decides whether it still does).
import type { Db } from '@/server/db/client';
import { attachCartOffer } from '@/server/modules/cart/cart-offer';
import { loadCartRow } from '@/server/modules/cart/get-cart';

export type RecoveryTarget = { sessionKey: string; cartId: string; offerId: string | null };

export async function resolveRecoveryLink(db: Db, attemptId: string): Promise<RecoveryTarget | null> {
  if (!/^rca_[0-9A-Z]{26}$/.test(attemptId)) return null;
  const a = await db.cartRecoveryAttempt.findUnique({
    where: { id: attemptId },
    select: { sessionKey: true, cartId: true, offerId: true, convertedOrderId: true },
  });
  return a && !a.convertedOrderId ? { sessionKey: a.sessionKey, cartId: a.cartId, offerId: a.offerId } : null;
}

/** The link was followed: the session to resume, with the email's offer attached to its cart. */
export async function restoreRecoveredCart(db: Db, attemptId: string): Promise<(RecoveryTarget & { offerAttached: boolean }) | null> {
  const target = await resolveRecoveryLink(db, attemptId);
  if (!target) return null;
  let offerAttached = false;
  if (target.offerId) {
    // Only onto the cart the email was about (an emptied and re-made cart is another cart).
    const cart = await loadCartRow(db, { sessionKey: target.sessionKey });
    if (cart?.id === target.cartId) {
      await attachCartOffer(db, { cartId: target.cartId, offerId: target.offerId, attemptId });
      offerAttached = true;
    }
  }
  return { ...target, offerAttached };
}
