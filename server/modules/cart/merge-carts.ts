import { withTx, type Db } from '@/server/db/client';
import { newId } from '@/server/lib/ids';
import { MAX_LINE_QUANTITY } from './cart.schema';

/**
 * Sign-in: the anonymous cart of `fromSessionKey` joins the customer's cart. Quantities of a
 * variant in both add up (capped per line); the anonymous code wins when there is one. With
 * no customer cart yet, the anonymous cart simply becomes the customer's. Idempotent: a
 * second call finds no anonymous cart. Returns the customer's cart id (null: nothing to merge).
 */
export async function mergeCarts(db: Db, fromSessionKey: string, toCustomerId: string): Promise<string | null> {
  return withTx(db, async (tx) => {
    const from = await tx.cart.findUnique({
      where: { sessionKey: fromSessionKey },
      select: { id: true, promoCode: true, lines: { select: { variantId: true, quantity: true } } },
    });
    const to = await tx.cart.findUnique({ where: { customerId: toCustomerId }, select: { id: true } });
    if (!from) return to?.id ?? null;
    if (!to) {
      await tx.cart.update({ where: { id: from.id }, data: { customerId: toCustomerId, sessionKey: null } });
      return from.id;
    }
    for (const line of from.lines) {
      const existing = await tx.cartLine.findUnique({
        where: { cartId_variantId: { cartId: to.id, variantId: line.variantId } },
        select: { quantity: true },
      });
      const quantity = Math.min(MAX_LINE_QUANTITY, (existing?.quantity ?? 0) + line.quantity);
      await tx.cartLine.upsert({
        where: { cartId_variantId: { cartId: to.id, variantId: line.variantId } },
        create: { id: newId('cl'), cartId: to.id, variantId: line.variantId, quantity },
        update: { quantity },
      });
    }
    if (from.promoCode) await tx.cart.update({ where: { id: to.id }, data: { promoCode: from.promoCode } });
    await tx.cart.delete({ where: { id: from.id } });
    return to.id;
  });
}
