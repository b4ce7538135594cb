// Approvals: a user with model.approve signs off a version for canary or production. With
// require_two_approvers on, the creator cannot approve their own version and production
// needs two distinct approvers. An approval applies to one promotion: the promotion spends
// it, and a rollback voids the version's unspent ones, so serving again needs new sign-offs.
import { withTx, type Db } from '@/server/db/client';
import type { Prisma } from '@/server/db/generated/client';
import { ConflictError } from '@/server/errors';
import { newId } from '@/server/lib/ids';
import { recordAudit } from '@/server/modules/audit/record-audit';
import { lockVersion, type LockedVersion } from './change-stage';
import { ApprovalRequiredError, SelfApprovalError } from './model-errors';
import { getModelSettings } from './model-settings';
import { approveInput, type ApproveInput } from './models.schema';

export async function approveVersion(db: Db, raw: ApproveInput) {
  const input = approveInput.parse(raw);
  return withTx(db, async (tx) => {
    const version = await lockVersion(tx, input.versionId);
    if (version.stage === 'retired' || version.stage === 'production') {
      throw new ConflictError(`${version.label} is ${version.stage}; there is nothing to approve`);
    }
    const settings = await getModelSettings(tx);
    if (settings.requireTwoApprovers && input.actor === version.createdBy) throw new SelfApprovalError(version.label);
    const existing = await tx.modelApproval.findFirst({
      where: { versionId: version.id, targetStage: input.targetStage, approver: input.actor, consumedAt: null },
    });
    // Approving twice is a repeat, not a second approver (until a promotion spends it).
    if (existing) return existing;
    const approval = await tx.modelApproval.create({
      data: {
        id: newId('mapr'),
        versionId: version.id,
        targetStage: input.targetStage,
        approver: input.actor,
        note: input.note,
      },
    });
    await recordAudit(tx, {
      actor: input.actor,
      action: 'model_version.approve',
      entity: 'model_version',
      entityId: version.id,
      after: { targetStage: input.targetStage, note: input.note },
    });
    return approval;
  });
}

/** Throws unless `version` has the approvals its promotion to `to` needs. */
export async function checkApprovals(
  tx: Prisma.TransactionClient,
  version: LockedVersion,
  to: 'canary' | 'production',
) {
  const settings = await getModelSettings(tx);
  const approvals = await tx.modelApproval.findMany({
    where: { versionId: version.id, targetStage: to, consumedAt: null },
    select: { approver: true },
  });
  const approvers = new Set(approvals.map((a) => a.approver));
  if (settings.requireTwoApprovers) approvers.delete(version.createdBy);
  const needed = settings.requireTwoApprovers && to === 'production' ? 2 : 1;
  if (approvers.size < needed) {
    const who = settings.requireTwoApprovers ? ` other than its creator` : '';
    throw new ApprovalRequiredError(
      `${version.label} needs ${needed} approval${needed > 1 ? 's' : ''} for ${to}${who}; it has ${approvers.size}`,
      { needed, have: approvers.size },
    );
  }
}

/**
 * Marks the version's live approvals for `stages` as used by the stage change `changeId`
 * (a promotion spends its own stage's approvals; a rollback voids all of them).
 */
export async function consumeApprovals(
  tx: Prisma.TransactionClient,
  versionId: string,
  stages: ('canary' | 'production')[],
  changeId: string,
): Promise<number> {
  const { count } = await tx.modelApproval.updateMany({
    where: { versionId, targetStage: { in: stages }, consumedAt: null },
    data: { consumedAt: new Date(), consumedBy: changeId },
  });
  return count;
}
