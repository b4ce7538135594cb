// The payment link of an order an approved appeal reinstated: anyone holding the emailed
// token may see that order and pay it (the token is the credential, like a reset link).
import { appealPayLinkInput, payReinstatedOrderInput } from '@/server/modules/orders/appeals.schema';
import { orderForPayLink, payReinstatedOrder } from '@/server/modules/orders/pay-reinstated-order';
import { createTRPCRouter, publicProcedure, rateLimit } from '../init';

export const appealsRouter = createTRPCRouter({
  payLink: publicProcedure.input(appealPayLinkInput).query(({ ctx, input }) => orderForPayLink(ctx.db, input)),
  pay: publicProcedure
    .use(rateLimit('checkout'))
    .input(payReinstatedOrderInput)
    .mutation(({ ctx, input }) => payReinstatedOrder(ctx.db, input)),
});
