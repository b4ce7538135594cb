// Console procedures for Automations (embedded runner runs). With real Inngest configured
// the console links to Inngest's dashboard instead; these return what the local tables hold.
import { inngestMode } from '@/inngest/mode';
import { listRunsInput, runIdInput, subjectRunsInput } from '@/server/modules/automations/automations.schema';
import { functionSummaries, getRunDetail, listRuns, runsForSubject } from '@/server/modules/automations/list-runs';
import { cancelRun, replayRun } from '@/server/modules/automations/manage-runs';
import { createTRPCRouter, merchantProcedure } from '../init';

export const automationsRouter = createTRPCRouter({
  overview: merchantProcedure('automations.read').query(async ({ ctx }) => ({
    mode: inngestMode(),
    // Real Inngest keeps the run history; the console links to its dashboard.
    dashboardUrl: inngestMode() === 'inngest' ? (process.env.INNGEST_BASE_URL ?? 'https://app.inngest.com') : null,
    functions: await functionSummaries(ctx.db),
  })),
  runs: merchantProcedure('automations.read').input(listRunsInput).query(({ ctx, input }) => listRuns(ctx.db, input)),
  forSubject: merchantProcedure('automations.read').input(subjectRunsInput).query(({ ctx, input }) => runsForSubject(ctx.db, input)),
  run: merchantProcedure('automations.read').input(runIdInput).query(({ ctx, input }) => getRunDetail(ctx.db, input.runId)),
  replay: merchantProcedure('automations.manage').input(runIdInput).mutation(({ ctx, input }) => replayRun(ctx.db, input.runId)),
  cancel: merchantProcedure('automations.manage').input(runIdInput).mutation(({ ctx, input }) => cancelRun(ctx.db, input.runId)),
});
