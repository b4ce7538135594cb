// Model promotions awaiting approval in the one review queue (ADR 028): whoever may promote
// asks for a sign-off for canary or production; the request is a review item (kind
// `model_approval`) with the version's evaluation as evidence. Approving it in the queue
// records the approval (approveVersion, with its self-approval rule); the promotion itself
// stays a separate step that spends it (ADR 022).
import { z } from 'zod';
import { withTx, type Db } from '@/server/db/client';
import type { Prisma } from '@/server/db/generated/client';
import { ConflictError, InvalidError } from '@/server/errors';
import { recordAudit } from '@/server/modules/audit/record-audit';
import { enqueueReview } from '@/server/modules/reviews/enqueue-review';
import { approveVersion } from './approve-version';
import { lockVersion } from './change-stage';

export const requestModelApprovalInput = z.object({
  versionId: z.string().trim().min(1).max(64),
  targetStage: z.enum(['canary', 'production']),
  note: z.string().trim().max(500).default(''),
});
export type RequestModelApprovalInput = z.input<typeof requestModelApprovalInput>;

export const MODEL_REVIEW_KIND = 'model_approval';

/** Files a review item asking for one more approval of the version for the stage (idempotent while unanswered). */
export async function requestModelApproval(
  db: Db,
  actor: { id: string; email: string },
  raw: RequestModelApprovalInput,
) {
  const input = requestModelApprovalInput.parse(raw);
  return withTx(db, async (tx) => {
    const version = await lockVersion(tx, input.versionId);
    if (
      version.stage === 'retired' ||
      version.stage === 'production' ||
      (input.targetStage === 'canary' && version.stage === 'canary')
    )
      throw new ConflictError(
        `${version.label} is ${version.stage}; there is nothing to approve for ${input.targetStage}`,
      );
    const live = await tx.modelApproval.count({
      where: { versionId: version.id, targetStage: input.targetStage, consumedAt: null },
    });
    // One item per approval still to collect: "#2" once the first is in.
    const subjectId = `${version.id}:${input.targetStage}:${live + 1}`;
    const evaluation = (version.evaluation ?? null) as Record<string, unknown> | null;
    const { item, created } = await enqueueReview(tx, {
      kind: MODEL_REVIEW_KIND,
      subjectId,
      reasons: [
        `Approve ${version.label} for ${input.targetStage}${live ? ` (approval #${live + 1})` : ''}`,
        ...(input.note ? [`Requester's note: ${input.note.slice(0, 250)}`] : []),
      ],
      summary: {
        versionId: version.id,
        label: version.label,
        modelKind: version.kind,
        stage: version.stage,
        targetStage: input.targetStage,
        evaluation,
        requestedBy: actor.id,
        createdBy: version.createdBy,
        authors: [...new Set([actor.id, version.createdBy])],
        link: `/console/models`,
      },
      slaMinutes: 24 * 60,
    });
    if (created)
      await recordAudit(tx, {
        actor: actor.email,
        action: 'model_version.approval_requested',
        entity: 'model_version',
        entityId: version.id,
        after: { reviewId: item.id, targetStage: input.targetStage },
        reason: input.note,
      });
    return item;
  });
}

/** The review queue's decision on a `model_approval` item. */
export async function decideModelApprovalRequest(
  tx: Prisma.TransactionClient,
  actor: { id: string; email: string },
  subjectId: string,
  decision: 'approve' | 'reject',
  note: string,
) {
  const [versionId, stage] = subjectId.split(':');
  if (!versionId || (stage !== 'canary' && stage !== 'production'))
    throw new InvalidError(`model approval item ${subjectId} does not name a version and stage`);
  if (decision === 'approve') return approveVersion(tx, { versionId, targetStage: stage, actor: actor.id, note });
  await recordAudit(tx, {
    actor: actor.email,
    action: 'model_version.approval_rejected',
    entity: 'model_version',
    entityId: versionId,
    after: { targetStage: stage },
    reason: note,
  });
  return null;
}
