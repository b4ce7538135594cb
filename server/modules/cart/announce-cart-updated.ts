// Tells the rest of the store a cart changed (lines added, changed or removed, or its
// shopper left an email at checkout): cart recovery listens, debounced per cart. Best effort:
// a failed announcement never fails the shopper's change.
import { cartUpdated } from '@/inngest/events';
import { send } from '@/inngest/send';
import { newId } from '@/server/lib/ids';
import { logger } from '@/server/observability/logger';

export async function announceCartUpdated(cart: { cartId: string | null; sessionKey: string }): Promise<void> {
  if (!cart.cartId) return;
  try {
    await send(cartUpdated.create({ cartId: cart.cartId, sessionKey: cart.sessionKey }, { id: newId('cartupd') }));
  } catch (err) {
    logger.warn({ err, cartId: cart.cartId }, 'cart update not announced');
  }
}
