// Recommendation doors: public placements for the storefront, feedback tracking, and the
// console's merchant rules (pin/exclude per product). One module call each.
import { inngest } from '@/inngest/client';
import { inngestMode } from '@/inngest/mode';
import { deleteRule, listRules, setRule } from '@/server/modules/recommendations/merchant-rules';
import { recommendForCart, recommendForHome, recommendForProduct } from '@/server/modules/recommendations/recommend';
import { findProducts, previewProductRecs, rulesForConsole } from '@/server/modules/recommendations/rules-preview';
import {
  findProductsInput,
  forCartInput,
  forHomeInput,
  forProductInput,
  ruleIdInput,
  ruleInput,
  rulesForProductInput,
  trackInput,
} from '@/server/modules/recommendations/recs.schema';
import { trackRecEvents } from '@/server/modules/recommendations/track-events';
import { createTRPCRouter, merchantProcedure, publicProcedure } from '../init';

const publish = () =>
  inngestMode() === 'inngest' ? (events: Parameters<typeof inngest.send>[0]) => inngest.send(events) : undefined;

export const recsRouter = createTRPCRouter({
  forHome: publicProcedure.input(forHomeInput).query(({ ctx, input }) => recommendForHome(ctx.db, input, ctx)),
  forProduct: publicProcedure.input(forProductInput).query(({ ctx, input }) => recommendForProduct(ctx.db, input, ctx)),
  forCart: publicProcedure.input(forCartInput).query(({ ctx, input }) => recommendForCart(ctx.db, input, ctx)),
  track: publicProcedure
    .input(trackInput)
    .mutation(({ ctx, input }) => trackRecEvents(ctx.db, input, ctx, { publish: publish() })),
  rules: merchantProcedure('catalog.read')
    .input(rulesForProductInput)
    .query(({ ctx, input }) => listRules(ctx.db, input)),
  setRule: merchantProcedure('catalog.write')
    .input(ruleInput)
    .mutation(({ ctx, input }) => setRule(ctx.db, input, ctx.staff.id)),
  deleteRule: merchantProcedure('catalog.write')
    .input(ruleIdInput)
    .mutation(({ ctx, input }) => deleteRule(ctx.db, input, ctx.staff.id)),
  findProducts: merchantProcedure('catalog.read')
    .input(findProductsInput)
    .query(({ ctx, input }) => findProducts(ctx.db, input)),
  ruleList: merchantProcedure('catalog.read')
    .input(rulesForProductInput)
    .query(({ ctx, input }) => rulesForConsole(ctx.db, input)),
  preview: merchantProcedure('catalog.read')
    .input(forProductInput)
    .query(({ ctx, input }) => previewProductRecs(ctx.db, input, ctx.requestId)),
});
