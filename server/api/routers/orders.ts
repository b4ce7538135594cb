// Console: orders behind order.read.
import { z } from 'zod';
import { listOrdersInput, orderIdInput } from '@/server/modules/checkout/checkout.schema';
import { getOrder, listOrders } from '@/server/modules/checkout/get-order';
import { createTRPCRouter, merchantProcedure } from '../init';

export const ordersRouter = createTRPCRouter({
  list: merchantProcedure('order.read')
    .input(listOrdersInput)
    .query(({ ctx, input }) => listOrders(ctx.db, input)),
  get: merchantProcedure('order.read')
    .input(z.object({ orderId: orderIdInput }))
    .query(({ ctx, input }) => getOrder(ctx.db, input.orderId)),
});
