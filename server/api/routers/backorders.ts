// Console doors for back-orders (issue #7): read and set a product's allowBackorder.
// Permission + schema + one module call each.
import { z } from 'zod';
import { backorderSettings, setAllowBackorder, setAllowBackorderInput } from '@/server/modules/inventory/backorders';
import { createTRPCRouter, merchantProcedure } from '../init';

export const backordersRouter = createTRPCRouter({
  get: merchantProcedure('catalog.read')
    .input(z.object({ productId: z.string().trim().min(1).max(64) }))
    .query(async ({ ctx, input }) => ({
      productId: input.productId,
      allowBackorder: (await backorderSettings(ctx.db, [input.productId])).get(input.productId) ?? false,
    })),
  set: merchantProcedure('catalog.write')
    .input(setAllowBackorderInput)
    .mutation(({ ctx, input }) => setAllowBackorder(ctx.db, input, { actor: ctx.staff.email, requestId: ctx.requestId })),
});
