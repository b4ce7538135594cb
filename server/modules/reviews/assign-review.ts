// Assigning a pending review item to a reviewer (or back to the queue). Anyone who may decide
// can take an item; assigning someone else needs them to hold review.decide too.
import type { Db } from '@/server/db/client';
import { withTx } from '@/server/db/client';
import { ConflictError, InvalidError, NotFoundError } from '@/server/errors';
import { recordAudit } from '@/server/modules/audit/record-audit';
import { listStaffWithPermission } from '@/server/modules/auth/list-staff-with-permission';
import { assignReviewInput, type AssignReviewInput } from './reviews.schema';

export async function assignReview(db: Db, actor: { id: string; email: string }, raw: AssignReviewInput) {
  const input = assignReviewInput.parse(raw);
  if (input.assignee !== null && input.assignee !== actor.id) {
    const reviewers = await listStaffWithPermission(db, 'review.decide');
    if (!reviewers.some((s) => s.id === input.assignee))
      throw new InvalidError(`assignee ${input.assignee} is not an active staff member who can decide reviews`, {
        field: 'assignee',
      });
  }
  return withTx(db, async (tx) => {
    const before = await tx.reviewItem.findUnique({ where: { id: input.reviewId }, select: { assignee: true } });
    if (!before) throw new NotFoundError('review item', input.reviewId);
    const [row] = await tx.reviewItem.updateManyAndReturn({
      where: { id: input.reviewId, status: { in: ['open', 'escalated'] } },
      data: { assignee: input.assignee },
    });
    if (!row) throw new ConflictError(`review ${input.reviewId} is already decided; it cannot be assigned`);
    await recordAudit(tx, {
      actor: actor.email,
      action: 'review.assign',
      entity: row.kind,
      entityId: row.subjectId,
      before: { reviewId: row.id, assignee: before.assignee },
      after: { reviewId: row.id, assignee: input.assignee },
    });
    return row;
  });
}
