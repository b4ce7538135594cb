// A reviewer's decision. Exactly one decision per item: the conditional update is the lock,
// so two reviewers clicking at once get one success and one conflict. The decision is
// audited in the same transaction and announced so the waiting flow resumes.
import type { Db } from '@/server/db/client';
import { withTx } from '@/server/db/client';
import { ConflictError, NotFoundError } from '@/server/errors';
import { reviewDecided } from '@/inngest/events';
import { send } from '@/inngest/send';
import { recordAudit } from '@/server/modules/audit/record-audit';
import { decideReviewInput, type DecideReviewInput } from './reviews.schema';

export async function decideReview(db: Db, actor: { id: string; email: string }, raw: DecideReviewInput) {
  const input = decideReviewInput.parse(raw);
  const status = input.decision === 'approve' ? 'approved' : 'rejected';
  const item = await withTx(db, async (tx) => {
    const updated = await tx.reviewItem.updateManyAndReturn({
      where: { id: input.reviewId, status: { in: ['open', 'escalated'] } },
      data: { status, decidedBy: actor.id, decidedAt: new Date(), decisionNote: input.note },
    });
    if (updated.length === 0) {
      const existing = await tx.reviewItem.findUnique({ where: { id: input.reviewId } });
      if (!existing) throw new NotFoundError('review item', input.reviewId);
      throw new ConflictError(`review ${input.reviewId} is already ${existing.status}`, { status: existing.status });
    }
    const row = updated[0]!;
    await recordAudit(tx, {
      actor: actor.email,
      action: `review.${input.decision}`,
      entity: row.kind,
      entityId: row.subjectId,
      after: { reviewId: row.id, status },
      reason: input.note,
    });
    return row;
  });
  await send(
    reviewDecided.create(
      { reviewId: item.id, kind: item.kind, subjectId: item.subjectId, decision: input.decision },
      { id: `review-decided-${item.id}` },
    ),
  );
  return item;
}

/** The waiting flow timed out: the item stays open for a human but is flagged overdue. */
export async function escalateReview(db: Db, reviewId: string, now = new Date()) {
  const rows = await db.reviewItem.updateManyAndReturn({
    where: { id: reviewId, status: 'open' },
    data: { status: 'escalated', escalatedAt: now },
  });
  return rows[0] ?? (await db.reviewItem.findUnique({ where: { id: reviewId } }));
}

/** The subject went away (order cancelled elsewhere): close the item without a decision. */
export async function expireReview(db: Db, kind: string, subjectId: string) {
  await db.reviewItem.updateMany({ where: { kind, subjectId, status: { in: ['open', 'escalated'] } }, data: { status: 'expired' } });
}
