// Review kinds whose decision belongs to another module (ADR 028): approving the item calls
// the owning module in the decision's transaction, so the item and the change commit or fail
// together (a four-eyes refusal leaves the item open). Each kind names the permission a
// reviewer needs on top of review.decide.
import type { Prisma, ReviewItem } from '@/server/db/generated/client';
import type { Permission } from '@/server/modules/auth/permissions';
import { decideModelApprovalRequest } from '@/server/modules/models/request-approval';
import { decidePromotionApproval } from '@/server/modules/pricing/promotion-approvals';
import { approvePolicyApproval, rejectPolicyApproval } from '@/server/modules/policies/policy-approvals';

type Actor = { id: string; email: string };

export type ReviewDecider = {
  permission: Permission;
  decide: (
    tx: Prisma.TransactionClient,
    actor: Actor,
    item: ReviewItem,
    decision: 'approve' | 'reject',
    note: string,
  ) => Promise<unknown>;
};

export const REVIEW_DECIDERS: Record<string, ReviewDecider> = {
  /** A policy publish or rollback waiting for a second person (policies module). */
  policy_approval: {
    permission: 'policy.publish',
    decide: (tx, actor, item, decision, note) =>
      decision === 'approve'
        ? approvePolicyApproval(tx, actor, { approvalId: item.subjectId, note })
        : rejectPolicyApproval(tx, actor, { approvalId: item.subjectId, note }),
  },
  /** A model version awaiting sign-off for canary or production (models module). */
  model_approval: {
    permission: 'model.approve',
    decide: (tx, actor, item, decision, note) => decideModelApprovalRequest(tx, actor, item.subjectId, decision, note),
  },
  /** A promotion above the discount policy's auto-approve limit (pricing module). */
  discount_approval: {
    permission: 'policy.publish',
    decide: (tx, actor, item, decision, note) => decidePromotionApproval(tx, actor, item.subjectId, decision, note),
  },
};

export const isDelegatedReviewKind = (kind: string) => Object.hasOwn(REVIEW_DECIDERS, kind);
