// Storefront checkout: places the session's cart; shoppers read only their own orders.
import { checkoutInput, getOrderInput } from '@/server/modules/checkout/checkout.schema';
import { getOrderForShopper, shopperView } from '@/server/modules/checkout/get-order';
import { placeOrder } from '@/server/modules/checkout/place-order';
import { recordCheckoutCompleted } from '@/server/modules/recovery/checkout-completed';
import { createTRPCRouter, publicProcedure, rateLimit } from '../init';
import { shopperProcedure } from '../shopper-procedure';

export const checkoutRouter = createTRPCRouter({
  placeOrder: shopperProcedure
    .use(rateLimit('checkout'))
    .input(checkoutInput)
    .mutation(async ({ ctx, input }) => {
      const result = await placeOrder(ctx.db, { ...input, sessionKey: ctx.sessionKey, ipAddress: ctx.ipAddress, requestId: ctx.requestId });
      // The cart became an order: cart recovery stops and counts the conversion.
      if ((result.outcome === 'placed' || result.outcome === 'in_review') && !result.replayed) {
        await recordCheckoutCompleted(ctx.db, { sessionKey: ctx.sessionKey, orderId: result.order.id, totalCents: result.order.totalCents });
      }
      // The shopper learns the outcome, not how the risk model scored them.
      return { ...result, order: shopperView(result.order), risk: result.risk ? { action: result.risk.action } : null, requestId: ctx.requestId };
    }),
  getOrder: publicProcedure
    .input(getOrderInput)
    .query(({ ctx, input }) => getOrderForShopper(ctx.db, input.orderId, { sessionKey: ctx.sessionKey, email: input.email })),
});
