// Console procedures for promotions. Promotions are merchandising (like prices), so they sit
// under catalog.read / catalog.write (merchandisers, admins, owners); the discount policy that
// bounds model-proposed offers is a policy (policies router, policy.*).
import { z } from 'zod';
import { listPromotionsInput, promotionForm, updatePromotionForm } from '@/server/modules/pricing/promotions.schema';
import {
  createPromotion,
  deactivatePromotion,
  listPromotions,
  updatePromotion,
} from '@/server/modules/pricing/promotions';
import { createTRPCRouter, merchantProcedure } from '../init';

const byId = z.object({ id: z.string().trim().min(1).max(64) });

export const promotionsRouter = createTRPCRouter({
  list: merchantProcedure('catalog.read')
    .input(listPromotionsInput)
    .query(({ ctx, input }) => listPromotions(ctx.db, input)),
  create: merchantProcedure('catalog.write')
    .input(promotionForm)
    .mutation(({ ctx, input }) => createPromotion(ctx.db, { ...input, actor: ctx.staff.id })),
  update: merchantProcedure('catalog.write')
    .input(updatePromotionForm)
    .mutation(({ ctx, input }) => updatePromotion(ctx.db, { ...input, actor: ctx.staff.id })),
  deactivate: merchantProcedure('catalog.write')
    .input(byId)
    .mutation(({ ctx, input }) => deactivatePromotion(ctx.db, { ...input, actor: ctx.staff.id })),
});
