// Console procedures for versioned merchant policies (risk, discount, recovery, and search
// rules/synonyms stored by search; ADR 028): permission + schema + one module call. Editing
// drafts needs policy.write; publishing and rollback need policy.publish. Who acts is the
// signed-in staff member.
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
  updateDraft,
} from '@/server/modules/policies/policy-versions';
import {
  anyPolicyKind,
  decideApprovalInput,
  emergencyReason,
  listApprovalsInput,
  requestApprovalInput,
} from '@/server/modules/policies/policy-approvals.schema';
import {
  activateSearchOrRequestApproval,
  approvePolicyApproval,
  listPolicyApprovals,
  publishOrRequestApproval,
  rejectPolicyApproval,
  requestPolicyApproval,
  rollbackOrRequestApproval,
} from '@/server/modules/policies/policy-approvals';
import {
  activateSearchInput,
  diffSearchVersions,
  listSearchVersions,
  policyOverview,
  searchDiffInput,
  searchVersionsInput,
  simulateSearchInput,
  simulateSearchPolicy,
} from '@/server/modules/policies/search-policies';
import { simulatePolicy } from '@/server/modules/policies/simulate-policy';
import { createTRPCRouter, merchantProcedure } from '../init';

const asStaff = { actor: true } as const;
/** Any kind, search ones included; with four-eyes on an emergency reason bypasses the approval (audited). */
const rollbackRequestInput = rollbackPolicyInput
  .omit(asStaff)
  .extend({ kind: anyPolicyKind, emergencyReason: emergencyReason.optional() });

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
  // With four-eyes on this refuses (409) and files a rollback approval request, unless an
  // emergency reason is given.
  rollback: merchantProcedure('policy.publish')
    .input(rollbackRequestInput)
    .mutation(({ ctx, input }) => rollbackOrRequestApproval(ctx.db, ctx.staff, input)),
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
  // One list of every kind (ADR 028), and search settings through the same gate.
  overview: merchantProcedure('policy.read').query(({ ctx }) => policyOverview(ctx.db)),
  searchVersions: merchantProcedure('policy.read')
    .input(searchVersionsInput)
    .query(({ ctx, input }) => listSearchVersions(ctx.db, input)),
  searchDiff: merchantProcedure('policy.read')
    .input(searchDiffInput)
    .query(({ ctx, input }) => diffSearchVersions(ctx.db, input)),
  searchSimulate: merchantProcedure('policy.read')
    .input(simulateSearchInput)
    .mutation(({ ctx, input }) => simulateSearchPolicy(ctx.db, input)),
  searchPublish: merchantProcedure('policy.publish')
    .input(activateSearchInput)
    .mutation(({ ctx, input }) => activateSearchOrRequestApproval(ctx.db, ctx.staff, input)),
});
