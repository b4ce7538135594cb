// Console procedures for search. Each names its permission (enforced by merchantProcedure);
// versions record the signed-in staff member who saved them.
import { previewRules } from '@/server/modules/search/preview-rules';
import {
  activateInput,
  previewInput,
  reportInput,
  saveRankingInput,
  saveSynonymsInput,
} from '@/server/modules/search/search-admin.schema';
import { queryReport } from '@/server/modules/search/search-events';
import {
  activateVersion,
  getActiveRanking,
  getActiveSynonyms,
  listVersions,
  saveRankingVersion,
  saveSynonymVersion,
} from '@/server/modules/search/settings-versions';
import { createTRPCRouter, merchantProcedure } from '../init';

export const searchAdminRouter = createTRPCRouter({
  synonyms: merchantProcedure('search.rules.read').query(async ({ ctx }) => ({
    active: await getActiveSynonyms(ctx.db),
    versions: await listVersions(ctx.db, 'synonyms'),
  })),
  saveSynonyms: merchantProcedure('search.rules.write')
    .input(saveSynonymsInput)
    .mutation(({ ctx, input }) =>
      saveSynonymVersion(ctx.db, {
        body: input.entries,
        note: input.note,
        activate: input.activate,
        createdBy: ctx.staff.id,
      }),
    ),
  activateSynonyms: merchantProcedure('search.rules.write')
    .input(activateInput)
    .mutation(({ ctx, input }) => activateVersion(ctx.db, 'synonyms', input.version)),
  ranking: merchantProcedure('search.rules.read').query(async ({ ctx }) => ({
    active: await getActiveRanking(ctx.db),
    versions: await listVersions(ctx.db, 'ranking'),
  })),
  saveRanking: merchantProcedure('search.rules.write')
    .input(saveRankingInput)
    .mutation(({ ctx, input }) =>
      saveRankingVersion(ctx.db, {
        name: input.name,
        body: input.config,
        note: input.note,
        activate: input.activate,
        createdBy: ctx.staff.id,
      }),
    ),
  activateRanking: merchantProcedure('search.rules.write')
    .input(activateInput)
    .mutation(({ ctx, input }) => activateVersion(ctx.db, 'ranking', input.version)),
  preview: merchantProcedure('search.rules.read')
    .input(previewInput)
    .query(({ ctx, input }) => previewRules(ctx.db, input)),
  topQueries: merchantProcedure('search.analytics.read')
    .input(reportInput)
    .query(({ ctx, input }) => queryReport(ctx.db, { days: input.days, limit: input.limit })),
  zeroResultQueries: merchantProcedure('search.analytics.read')
    .input(reportInput)
    .query(({ ctx, input }) => queryReport(ctx.db, { days: input.days, limit: input.limit, zeroOnly: true })),
});
