// Console procedures for versioned merchant policies (risk, discount): permission + schema +
// one module call. Editing drafts needs policy.write; publishing and rollback need
// policy.publish. Who acts is the signed-in staff member.
import {
  createDraftInput,
  diffInput,
  listPolicyVersionsInput,
  policyVersionIdInput,
  publishInput,
  rollbackPolicyInput,
  simulatePolicyInput,
  updateDraftInput,
} from '@/server/modules/policies/policies.schema';
import {
  createDraft,
  diffPolicyVersions,
  getPolicyVersion,
  listPolicyVersions,
  publishPolicyVersion,
  rollbackPolicy,
  updateDraft,
} from '@/server/modules/policies/policy-versions';
import { simulatePolicy } from '@/server/modules/policies/simulate-policy';
import { createTRPCRouter, merchantProcedure } from '../init';

const asStaff = { actor: true } as const;

export const policiesRouter = createTRPCRouter({
  list: merchantProcedure('policy.read')
    .input(listPolicyVersionsInput)
    .query(({ ctx, input }) => listPolicyVersions(ctx.db, input.kind)),
  get: merchantProcedure('policy.read')
    .input(policyVersionIdInput)
    .query(({ ctx, input }) => getPolicyVersion(ctx.db, input.id)),
  diff: merchantProcedure('policy.read')
    .input(diffInput)
    .query(({ ctx, input }) => diffPolicyVersions(ctx.db, input)),
  // Reads recorded traffic and writes nothing, so it needs only read access.
  simulate: merchantProcedure('policy.read')
    .input(simulatePolicyInput)
    .mutation(({ ctx, input }) => simulatePolicy(ctx.db, input)),
  createDraft: merchantProcedure('policy.write')
    .input(createDraftInput.omit(asStaff))
    .mutation(({ ctx, input }) => createDraft(ctx.db, { ...input, actor: ctx.staff.id })),
  updateDraft: merchantProcedure('policy.write')
    .input(updateDraftInput.omit(asStaff))
    .mutation(({ ctx, input }) => updateDraft(ctx.db, { ...input, actor: ctx.staff.id })),
  publish: merchantProcedure('policy.publish')
    .input(publishInput.omit(asStaff))
    .mutation(({ ctx, input }) => publishPolicyVersion(ctx.db, { ...input, actor: ctx.staff.id })),
  rollback: merchantProcedure('policy.publish')
    .input(rollbackPolicyInput.omit(asStaff))
    .mutation(({ ctx, input }) => rollbackPolicy(ctx.db, { ...input, actor: ctx.staff.id })),
});
