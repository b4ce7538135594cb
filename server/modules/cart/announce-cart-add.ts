// Tells the rest of the store a product went into a cart (recommendations learn "bought
// together" from it). Best effort: a failed announcement never fails the shopper's add. A
// shopper who turned personalization off is announced without their session key.
import { shopperCartItemAdded } from '@/inngest/events';
import { send } from '@/inngest/send';
import { logger } from '@/server/observability/logger';

type CartLike = { lines: { variantId: string; sku: string; productId: string }[] };

export async function announceCartAdd(
  cart: CartLike,
  input: { variantId?: string; sku?: string },
  ctx: { sessionKey: string; personalizationOff: boolean; requestId: string },
): Promise<void> {
  const line = cart.lines.find((l) => (input.variantId ? l.variantId === input.variantId : l.sku === input.sku));
  if (!line) return;
  try {
    await send(
      shopperCartItemAdded.create(
        { ...(ctx.personalizationOff ? {} : { sessionKey: ctx.sessionKey }), productId: line.productId },
        { id: `cart-add-${ctx.requestId}` },
      ),
    );
  } catch (err) {
    logger.warn({ err, requestId: ctx.requestId }, 'cart add not announced');
  }
}
