// A shopper's cart became an order: every recovery flow for the cart stops (checkout/completed
// cancels it), and an attempt already in the experiment records the conversion and revenue,
// whichever arm it is in. Called by the checkout door after a placed order.
import { checkoutCompleted } from '@/inngest/events';
import { send } from '@/inngest/send';
import type { Db } from '@/server/db/client';
import { logger } from '@/server/observability/logger';

export async function recordCheckoutCompleted(
  db: Db,
  input: { sessionKey: string | null; cartId?: string | null; orderId: string; totalCents: number },
): Promise<{ cartIds: string[]; converted: number }> {
  const where = input.cartId ? { cartId: input.cartId } : input.sessionKey ? { sessionKey: input.sessionKey } : null;
  if (!where) return { cartIds: [], converted: 0 };
  const contacts = await db.cartRecoveryContact.findMany({ where, select: { cartId: true } });
  const attempts = await db.cartRecoveryAttempt.findMany({ where: { ...where, convertedOrderId: null }, select: { cartId: true } });
  const cartIds = [...new Set([...contacts.map((c) => c.cartId), ...attempts.map((a) => a.cartId)])];
  if (cartIds.length === 0) return { cartIds, converted: 0 };
  const now = new Date();
  const converted = await db.cartRecoveryAttempt.updateMany({
    where: { cartId: { in: cartIds }, convertedOrderId: null },
    data: { convertedOrderId: input.orderId, convertedAt: now, revenueCents: input.totalCents },
  });
  // The cart is gone (ordered); its contact is not kept for the next one.
  await db.cartRecoveryContact.deleteMany({ where: { cartId: { in: cartIds } } });
  try {
    await send(cartIds.map((cartId) => checkoutCompleted.create({ cartId, orderId: input.orderId, totalCents: input.totalCents }, { id: `checkout-completed-${cartId}-${input.orderId}` })));
  } catch (err) {
    logger.warn({ err, orderId: input.orderId }, 'checkout completion not announced');
  }
  return { cartIds, converted: converted.count };
}
