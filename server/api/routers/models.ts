// Console procedures for model governance and the decision log. Each names its permission
// (enforced by merchantProcedure). Who acts is the signed-in staff member, never a typed name:
// the door schemas drop `actor` and the router fills it from the session.
import { decisionIdInput, listDecisionsInput, metricsInput, versionInsightsInput } from '@/server/decisions/decisions.schema';
import { versionInsights } from '@/server/decisions/version-insights';
import { decisionMetrics, getDecision, listDecisions } from '@/server/decisions/read-decisions';
import { approveVersion } from '@/server/modules/models/approve-version';
import { requestModelApproval, requestModelApprovalInput } from '@/server/modules/models/request-approval';
import { createModel, createModelVersion } from '@/server/modules/models/create-model';
import { evaluateGuardrails } from '@/server/modules/models/evaluate-guardrails';
import { recordEvaluation } from '@/server/modules/models/evaluation-gate';
import { modelKind } from '@/server/modules/models/model-kinds';
import { getModelSettings, setRequireTwoApprovers } from '@/server/modules/models/model-settings';
import {
  approveInput,
  createModelInput,
  createVersionInput,
  listModelsInput,
  modelIdInput,
  promoteInput,
  recordEvaluationInput,
  rollbackInput,
  setCanaryShareInput,
  setSettingInput,
  versionIdInput,
} from '@/server/modules/models/models.schema';
import { promoteVersion, setCanaryShare } from '@/server/modules/models/promote-version';
import { getModel, getModelVersion, listModelAlerts, listModels } from '@/server/modules/models/read-models';
import { rollbackVersion } from '@/server/modules/models/rollback-version';
import { z } from 'zod';
import { createTRPCRouter, merchantProcedure } from '../init';

export const modelsRouter = createTRPCRouter({
  list: merchantProcedure('model.read')
    .input(listModelsInput)
    .query(({ ctx, input }) => listModels(ctx.db, input)),
  get: merchantProcedure('model.read')
    .input(modelIdInput)
    .query(({ ctx, input }) => getModel(ctx.db, input.modelId)),
  version: merchantProcedure('model.read')
    .input(versionIdInput)
    .query(({ ctx, input }) => getModelVersion(ctx.db, input.versionId)),
  createModel: merchantProcedure('model.write')
    .input(createModelInput.omit({ actor: true }))
    .mutation(({ ctx, input }) => createModel(ctx.db, { ...input, actor: ctx.staff.id })),
  createVersion: merchantProcedure('model.write')
    .input(createVersionInput.omit({ actor: true }))
    .mutation(({ ctx, input }) => createModelVersion(ctx.db, { ...input, actor: ctx.staff.id })),
  evaluate: merchantProcedure('model.write')
    .input(recordEvaluationInput.omit({ actor: true }))
    .mutation(({ ctx, input }) => recordEvaluation(ctx.db, { ...input, actor: ctx.staff.id })),
  approve: merchantProcedure('model.approve')
    .input(approveInput.omit({ actor: true }))
    .mutation(({ ctx, input }) => approveVersion(ctx.db, { ...input, actor: ctx.staff.id })),
  promote: merchantProcedure('model.promote')
    .input(promoteInput.omit({ actor: true }))
    .mutation(({ ctx, input }) =>
      promoteVersion(ctx.db, { ...input, actor: ctx.staff.id }, { fileApprovalRequest: { id: ctx.staff.id, email: ctx.staff.email } }),
    ),
  setCanaryShare: merchantProcedure('model.promote')
    .input(setCanaryShareInput.omit({ actor: true }))
    .mutation(({ ctx, input }) => setCanaryShare(ctx.db, { ...input, actor: ctx.staff.id })),
  rollback: merchantProcedure('model.rollback')
    .input(rollbackInput.omit({ actor: true }))
    .mutation(({ ctx, input }) => rollbackVersion(ctx.db, { ...input, actor: ctx.staff.id })),
  checkGuardrails: merchantProcedure('model.rollback')
    .input(z.object({ kind: modelKind }))
    .mutation(({ ctx, input }) => evaluateGuardrails(ctx.db, input.kind)),
  alerts: merchantProcedure('model.read')
    .input(z.object({ kind: modelKind.optional(), versionId: z.string().min(1).max(64).optional() }).default({}))
    .query(({ ctx, input }) => listModelAlerts(ctx.db, input)),
  settings: merchantProcedure('model.read').query(({ ctx }) => getModelSettings(ctx.db)),
  setSettings: merchantProcedure('model.settings.write')
    .input(setSettingInput.omit({ actor: true }))
    .mutation(({ ctx, input }) => setRequireTwoApprovers(ctx.db, { ...input, actor: ctx.staff.id })),
  decisions: merchantProcedure('model.read')
    .input(listDecisionsInput)
    .query(({ ctx, input }) => listDecisions(ctx.db, input)),
  decision: merchantProcedure('model.read')
    .input(decisionIdInput)
    .query(({ ctx, input }) => getDecision(ctx.db, input)),
  metrics: merchantProcedure('model.read')
    .input(metricsInput)
    .query(({ ctx, input }) => decisionMetrics(ctx.db, input)),
  versionInsights: merchantProcedure('model.read')
    .input(versionInsightsInput)
    .query(({ ctx, input }) => versionInsights(ctx.db, input)),
  // Asks for a sign-off in Console → Reviews (kind model_approval); deciding it there approves.
  requestApproval: merchantProcedure('model.promote')
    .input(requestModelApprovalInput)
    .mutation(({ ctx, input }) => requestModelApproval(ctx.db, ctx.staff, input)),
});
