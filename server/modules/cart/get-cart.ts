import type { Db } from '@/server/db/client';
import { availableStock } from '@/server/modules/inventory/available-stock';
import { cartOfferId } from './cart-offer';
import { priceLines, type PricedCart } from './price-lines';

export type CartView = Omit<PricedCart, 'lines'> & {
  cartId: string | null;
  /** Per line: units available now (a hint; stock is only guaranteed when the order is placed). */
  lines: (PricedCart['lines'][number] & { available: number })[];
};

/** The cart's stored lines, code and attached offer: the catalog is the source of every price. */
export async function loadCartRow(db: Db, where: { sessionKey: string } | { customerId: string }) {
  const cart = await db.cart.findUnique({
    where,
    select: { id: true, promoCode: true, lines: { select: { variantId: true, quantity: true }, orderBy: { createdAt: 'asc' } } },
  });
  return cart ? { ...cart, offerId: await cartOfferId(db, cart.id) } : null;
}

export async function getCart(db: Db, sessionKey: string, opts: { email?: string | null } = {}): Promise<CartView> {
  const cart = await loadCartRow(db, { sessionKey });
  const priced = await priceLines(db, {
    lines: cart?.lines ?? [],
    promoCode: cart?.promoCode ?? null,
    email: opts.email ?? null,
    offerId: cart?.offerId ?? null,
  });
  const available = await availableStock(db, priced.lines.map((l) => l.variantId));
  return {
    ...priced,
    cartId: cart?.id ?? null,
    lines: priced.lines.map((l) => ({ ...l, available: available.get(l.variantId) ?? 0 })),
  };
}
