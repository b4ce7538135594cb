// Storefront checkout: places the session's cart; shoppers read only their own orders.
import { checkoutInput, getOrderInput } from '@/server/modules/checkout/checkout.schema';
import { getOrderForShopper } from '@/server/modules/checkout/get-order';
import { placeOrder } from '@/server/modules/checkout/place-order';
import { createTRPCRouter, publicProcedure } from '../init';
import { shopperProcedure } from '../shopper-procedure';

export const checkoutRouter = createTRPCRouter({
  placeOrder: shopperProcedure.input(checkoutInput).mutation(async ({ ctx, input }) => ({
    ...(await placeOrder(ctx.db, { ...input, sessionKey: ctx.sessionKey, ipAddress: ctx.ipAddress, requestId: ctx.requestId })),
    requestId: ctx.requestId,
  })),
  getOrder: publicProcedure
    .input(getOrderInput)
    .query(({ ctx, input }) => getOrderForShopper(ctx.db, input.orderId, { sessionKey: ctx.sessionKey, email: input.email })),
});
