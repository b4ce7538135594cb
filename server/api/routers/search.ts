import { autocomplete } from '@/server/modules/search/autocomplete';
import { runSearch } from '@/server/modules/search/run-search';
import { searchProducts } from '@/server/modules/search/search-products';
import { interactionInput, recordInteraction } from '@/server/modules/search/search-events';
import { autocompleteInput, searchInput } from '@/server/modules/search/search.schema';
import { createTRPCRouter, publicProcedure, rateLimit } from '../init';

export const searchRouter = createTRPCRouter({
  query: publicProcedure
    .use(rateLimit('search'))
    .input(searchInput).query(({ ctx, input }) => runSearch(ctx.db, input, ctx)),
  // Facets alone (e.g. to refresh counts while a shopper edits filters): not logged as a search.
  facets: publicProcedure
    .input(searchInput)
    .query(async ({ ctx, input }) => (await searchProducts(ctx.db, { ...input, pageSize: 1 }, { requestId: ctx.requestId })).facets),
  autocomplete: publicProcedure.input(autocompleteInput).query(({ ctx, input }) => autocomplete(ctx.db, input)),
  track: publicProcedure.input(interactionInput).mutation(({ ctx, input }) => recordInteraction(ctx.db, input, ctx.sessionKey)),
});
