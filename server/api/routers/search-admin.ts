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
import { getActiveRanking, getActiveSynonyms, listVersions } from '@/server/modules/search/settings-versions';
import { activateSearchOrRequestApproval } from '@/server/modules/policies/policy-approvals';
import { saveSearchSettings } from '@/server/modules/policies/search-policies';
import { createTRPCRouter, merchantProcedure } from '../init';

export const searchAdminRouter = createTRPCRouter({
  synonyms: merchantProcedure('search.rules.read').query(async ({ ctx }) => ({
    active: await getActiveSynonyms(ctx.db),
    versions: await listVersions(ctx.db, 'synonyms'),
  })),
  // Going live passes the policies module's four-eyes gate (ADR 028).
  saveSynonyms: merchantProcedure('search.rules.write')
    .input(saveSynonymsInput)
    .mutation(({ ctx, input }) =>
      saveSearchSettings(ctx.db, ctx.staff, { kind: 'synonyms', body: input.entries, note: input.note, activate: input.activate }),
    ),
  activateSynonyms: merchantProcedure('search.rules.write')
    .input(activateInput)
    .mutation(({ ctx, input }) =>
      activateSearchOrRequestApproval(ctx.db, ctx.staff, { kind: 'synonyms', version: input.version }),
    ),
  ranking: merchantProcedure('search.rules.read').query(async ({ ctx }) => ({
    active: await getActiveRanking(ctx.db),
    versions: await listVersions(ctx.db, 'ranking'),
  })),
  saveRanking: merchantProcedure('search.rules.write')
    .input(saveRankingInput)
    .mutation(({ ctx, input }) =>
      saveSearchSettings(ctx.db, ctx.staff, {
        kind: 'search_rules',
        name: input.name,
        body: input.config,
        note: input.note,
        activate: input.activate,
      }),
    ),
  activateRanking: merchantProcedure('search.rules.write')
    .input(activateInput)
    .mutation(({ ctx, input }) =>
      activateSearchOrRequestApproval(ctx.db, ctx.staff, { kind: 'search_rules', version: input.version }),
    ),
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
