// Console procedures for experiments: permission + schema + one module call each.
// (merchantProcedure guarantees ctx.staff.)
import { z } from 'zod';
import { startExperiment, stopExperiment, updateArms } from '@/server/modules/experiments/change-status';
import { createExperiment } from '@/server/modules/experiments/create-experiment';
import {
  createExperimentInput,
  experimentIdInput,
  powerInput,
  recordDecisionInput,
  updateArmsInput,
} from '@/server/modules/experiments/experiments.schema';
import { powerCalculation } from '@/server/modules/experiments/power-calculator';
import { getExperiment, listExperiments } from '@/server/modules/experiments/read-experiments';
import { readResults } from '@/server/modules/experiments/read-results';
import { recordDecision } from '@/server/modules/experiments/record-decision';
import { armOptions } from '@/server/modules/experiments/arm-options';
import { shipDecision } from '@/server/modules/experiments/ship-decision';
import { experimentPolicyKind as policyKind } from '@/server/modules/policies/policy-kinds';
import { modelKind } from '@/server/modules/models/model-kinds';
import { createTRPCRouter, merchantProcedure } from '../init';

const byId = z.object({ experimentId: z.string().trim().min(1).max(64) });
// Who acts is the signed-in staff member, never a name typed into the request.
const asStaff = { actor: true } as const;

export const experimentsRouter = createTRPCRouter({
  list: merchantProcedure('experiment.read').query(({ ctx }) => listExperiments(ctx.db)),
  get: merchantProcedure('experiment.read')
    .input(byId)
    .query(({ ctx, input }) => getExperiment(ctx.db, input.experimentId)),
  // A query that may auto-stop on a guardrail breach: the stop is the point of looking.
  results: merchantProcedure('experiment.read')
    .input(byId)
    .query(({ ctx, input }) => readResults(ctx.db, input.experimentId)),
  power: merchantProcedure('experiment.read')
    .input(powerInput)
    .query(({ input }) => powerCalculation(input)),
  create: merchantProcedure('experiment.manage')
    .input(createExperimentInput.omit(asStaff))
    .mutation(({ ctx, input }) => createExperiment(ctx.db, { ...input, actor: ctx.staff.id })),
  updateArms: merchantProcedure('experiment.manage')
    .input(updateArmsInput.omit(asStaff))
    .mutation(({ ctx, input }) => updateArms(ctx.db, { ...input, actor: ctx.staff.id })),
  start: merchantProcedure('experiment.manage')
    .input(experimentIdInput.omit(asStaff))
    .mutation(({ ctx, input }) => startExperiment(ctx.db, { ...input, actor: ctx.staff.id })),
  stop: merchantProcedure('experiment.manage')
    .input(experimentIdInput.omit(asStaff))
    .mutation(({ ctx, input }) => stopExperiment(ctx.db, { ...input, actor: ctx.staff.id })),
  decide: merchantProcedure('experiment.manage')
    .input(recordDecisionInput.omit(asStaff))
    .mutation(({ ctx, input }) => recordDecision(ctx.db, { ...input, actor: ctx.staff.id })),
  // Retry shipping a decided arm whose promotion was pending (e.g. after approvals came in).
  ship: merchantProcedure('experiment.manage')
    .input(experimentIdInput.omit(asStaff))
    .mutation(({ ctx, input }) => shipDecision(ctx.db, { ...input, actor: ctx.staff.id })),
  // Versions an arm can point at, for the create form's templates.
  armOptions: merchantProcedure('experiment.read')
    .input(z.union([z.object({ modelKind }), z.object({ policyKind })]))
    .query(({ ctx, input }) => armOptions(ctx.db, input)),
});
