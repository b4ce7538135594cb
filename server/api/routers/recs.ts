// Recommendation doors: public placements for the storefront, feedback tracking, and the
// console's merchant rules (pin/exclude per product). One module call each.
import { inngest } from '@/inngest/client';
import { inngestMode } from '@/inngest/mode';
import { latestTradeoff } from '@/server/modules/recommendations/cost-tradeoff';
import { deleteRule, listRules, setRule } from '@/server/modules/recommendations/merchant-rules';
import { recommendForCart, recommendForHome, recommendForProduct } from '@/server/modules/recommendations/recommend';
import {
  deletePlacementRule,
  listPlacementRules,
  setPlacementRule,
} from '@/server/modules/recommendations/placement-rules';
import { findProducts, previewPlacement, previewProductRecs, rulesForConsole } from '@/server/modules/recommendations/rules-preview';
import {
  findProductsInput,
  forCartInput,
  forHomeInput,
  forProductInput,
  placementPreviewInput,
  placementRuleInput,
  placementRulesInput,
  ruleIdInput,
  ruleInput,
  rulesForProductInput,
  trackInput,
} from '@/server/modules/recommendations/recs.schema';
import { personalWeightsVersionInput } from '@/server/modules/search/personal-weights.schema';
import { createPersonalWeightsVersion } from '@/server/modules/search/register-personal-ranking';
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
  placementRules: merchantProcedure('catalog.read')
    .input(placementRulesInput)
    .query(({ ctx, input }) => listPlacementRules(ctx.db, input)),
  setPlacementRule: merchantProcedure('catalog.write')
    .input(placementRuleInput)
    .mutation(({ ctx, input }) => setPlacementRule(ctx.db, input, ctx.staff.id)),
  deletePlacementRule: merchantProcedure('catalog.write')
    .input(ruleIdInput)
    .mutation(({ ctx, input }) => deletePlacementRule(ctx.db, input, ctx.staff.id)),
  previewPlacement: merchantProcedure('catalog.read')
    .input(placementPreviewInput)
    .query(({ ctx, input }) => previewPlacement(ctx.db, input, ctx.requestId)),
  costTradeoff: merchantProcedure('model.read').query(({ ctx }) => latestTradeoff(ctx.db)),
  createPersonalWeightsVersion: merchantProcedure('model.write')
    .input(personalWeightsVersionInput)
    .mutation(({ ctx, input }) => createPersonalWeightsVersion(ctx.db, input, ctx.staff.id)),
});
