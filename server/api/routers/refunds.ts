// Partial refunds: staff with order.refund refund part of a paid order from Console → Orders;
// order.read sees the refunds and totals; a shopper sees their own order's refunded totals.
import { getOrderInput } from '@/server/modules/checkout/checkout.schema';
import { orderRefunds, refundOrder } from '@/server/modules/orders/refund-order';
import { orderRefundsInput, refundOrderInput } from '@/server/modules/orders/refunds.schema';
import { shopperRefunds } from '@/server/modules/orders/shopper-refunds';
import { createTRPCRouter, merchantProcedure, publicProcedure } from '../init';

export const refundsRouter = createTRPCRouter({
  forOrder: merchantProcedure('order.read')
    .input(orderRefundsInput)
    .query(({ ctx, input }) => orderRefunds(ctx.db, input.orderId)),
  create: merchantProcedure('order.refund')
    .input(refundOrderInput)
    .mutation(({ ctx, input }) => refundOrder(ctx.db, ctx.staff.email, input)),
  /** The storefront order page: amounts only (no staff, reasons or lines). */
  forShopper: publicProcedure
    .input(getOrderInput)
    .query(({ ctx, input }) => shopperRefunds(ctx.db, input.orderId, { sessionKey: ctx.sessionKey, email: input.email })),
});
