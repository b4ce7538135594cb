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
  rollbackPolicy,
  updateDraft,
} from '@/server/modules/policies/policy-versions';
import {
  decideApprovalInput,
  listApprovalsInput,
  requestApprovalInput,
} from '@/server/modules/policies/policy-approvals.schema';
import {
  approvePolicyApproval,
  listPolicyApprovals,
  publishOrRequestApproval,
  rejectPolicyApproval,
  requestPolicyApproval,
} from '@/server/modules/policies/policy-approvals';
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
  // With four-eyes on this refuses (409) and files an approval request instead.
  publish: merchantProcedure('policy.publish')
    .input(publishInput.omit(asStaff))
    .mutation(({ ctx, input }) => publishOrRequestApproval(ctx.db, ctx.staff, input)),
  rollback: merchantProcedure('policy.publish')
    .input(rollbackPolicyInput.omit(asStaff))
    .mutation(({ ctx, input }) => rollbackPolicy(ctx.db, { ...input, actor: ctx.staff.id })),
  // Four-eyes: anyone who may edit drafts may ask for one to be published; a second person with
  // policy.publish approves (publishes) or rejects it.
  approvals: merchantProcedure('policy.read')
    .input(listApprovalsInput)
    .query(({ ctx, input }) => listPolicyApprovals(ctx.db, input)),
  requestApproval: merchantProcedure('policy.write')
    .input(requestApprovalInput)
    .mutation(({ ctx, input }) => requestPolicyApproval(ctx.db, ctx.staff, input)),
  approve: merchantProcedure('policy.publish')
    .input(decideApprovalInput)
    .mutation(({ ctx, input }) => approvePolicyApproval(ctx.db, ctx.staff, input)),
  reject: merchantProcedure('policy.publish')
    .input(decideApprovalInput)
    .mutation(({ ctx, input }) => rejectPolicyApproval(ctx.db, ctx.staff, input)),
});
