// Console procedures for Automations (embedded runner runs). With real Inngest configured
// the console links to Inngest's dashboard instead; these return what the local tables hold.
import { inngestMode } from '@/inngest/mode';
import { listRunsInput, runIdInput, subjectRunsInput } from '@/server/modules/automations/automations.schema';
import { functionSummaries, getRunDetail, listRuns, runsForSubject } from '@/server/modules/automations/list-runs';
import { cancelRun, replayRun } from '@/server/modules/automations/manage-runs';
import { searchRerankEvalRequested } from '@/inngest/events';
import { send } from '@/inngest/send';
import { listRerankEvaluations } from '@/server/modules/search/eval/nightly-rerank-eval';
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
  /** The search re-ranking evaluation gate's latest runs with their figures. */
  rerankEvaluations: merchantProcedure('automations.read').query(({ ctx }) => listRerankEvaluations(ctx.db, 10)),
  /** Runs the gate now (the search-rerank-eval function); repeated clicks within a minute are one run. */
  runRerankEvaluation: merchantProcedure('automations.manage').mutation(async ({ ctx }) => {
    const minute = new Date().toISOString().slice(0, 16);
    await send(searchRerankEvalRequested.create({ requestedBy: ctx.staff.id }, { id: `rerank-eval-${minute}` }));
    return { requested: true };
  }),
});
