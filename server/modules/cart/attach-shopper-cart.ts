import { withTx, type Db } from '@/server/db/client';
import { mergeCarts } from './merge-carts';

/**
 * Sign-in: the cart this device had anonymously joins the shopper's cart (mergeCarts), and the
 * result is served under the shopper's visitor key, which every device of theirs uses while
 * signed in. A cart the shopper filled on another device while signed in is keyed by that
 * visitor key: it is claimed for them first, so the merge adds to it. Idempotent.
 */
export async function attachShopperCart(
  db: Db,
  opts: { anonymousKey: string | null; shopperKey: string; shopperId: string },
): Promise<string | null> {
  return withTx(db, async (tx) => {
    await tx.cart.updateMany({
      where: { sessionKey: opts.shopperKey, customerId: null },
      data: { customerId: opts.shopperId },
    });
    const cartId =
      opts.anonymousKey && opts.anonymousKey !== opts.shopperKey
        ? await mergeCarts(tx, opts.anonymousKey, opts.shopperId)
        : ((await tx.cart.findUnique({ where: { customerId: opts.shopperId }, select: { id: true } }))?.id ?? null);
    if (cartId) await tx.cart.update({ where: { id: cartId }, data: { sessionKey: opts.shopperKey } });
    return cartId;
  });
}
