// A reviewer's decision. Exactly one decision per item: the conditional update is the lock,
// so two reviewers clicking at once get one success and one conflict. The decision is
// audited and stored as a training label in the same transaction, and announced so the
// waiting flow resumes. Approval kinds (review-deciders.ts) are decided by their owning
// module inside the same transaction instead of becoming labels.
import type { Db } from '@/server/db/client';
import { withTx } from '@/server/db/client';
import { ConflictError, NotFoundError } from '@/server/errors';
import { reviewDecided } from '@/inngest/events';
import { send } from '@/inngest/send';
import { recordAudit } from '@/server/modules/audit/record-audit';
import { latestDecisionForSubject } from '@/server/decisions/read-decisions';
import type { Prisma, ReviewItem } from '@/server/db/generated/client';
import { newId } from '@/server/lib/ids';
import type { ModelKindName } from '@/server/modules/models/model-kinds';
import { MissingPermissionError } from '@/server/modules/auth/auth-errors';
import { FourEyesError } from '@/server/modules/policies/four-eyes-error';
import { getSetting } from '@/server/modules/settings/settings';
import { decideReviewInput, MODEL_REJECT_SCORE, type DecideReviewInput } from './reviews.schema';
import { REVIEW_DECIDERS } from './review-deciders';

export async function decideReview(
  db: Db,
  actor: { id: string; email: string; permissions?: readonly string[] },
  raw: DecideReviewInput,
) {
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
    const delegated = REVIEW_DECIDERS[row.kind];
    if (delegated) {
      // Approval items: the reviewer also needs the owning module's permission, and with four-eyes
      // on, nobody decides an item they authored or requested. The owning module acts in this
      // transaction: if anything refuses, the item stays undecided.
      if (actor.permissions && !actor.permissions.includes(delegated.permission))
        throw new MissingPermissionError(delegated.permission);
      const authors = (row.summary as { authors?: unknown } | null)?.authors;
      if (Array.isArray(authors) && authors.includes(actor.id) && (await getSetting(tx, 'policy.four_eyes')))
        throw new FourEyesError('Four-eyes rule: you authored or requested this change, so someone else must decide it', {
          reviewId: row.id,
        });
      await delegated.decide(tx, actor, row, input.decision, input.note);
    } else await recordLabel(tx, row, actor.id, input.decision);
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

/** Which decision kind scored the subject of each review kind (its features are what a label labels). */
const MODEL_KIND_OF: Record<string, ModelKindName> = { order_risk: 'risk_score' };

async function recordLabel(
  tx: Prisma.TransactionClient,
  item: ReviewItem,
  reviewer: string,
  decision: 'approve' | 'reject',
) {
  const summary = (item.summary ?? {}) as { decisionId?: unknown; modelVersion?: unknown };
  const modelKind = MODEL_KIND_OF[item.kind];
  const logged =
    typeof summary.decisionId === 'string' || !modelKind
      ? null
      : await latestDecisionForSubject(tx, modelKind, item.subjectId);
  await tx.reviewLabel.create({
    data: {
      id: newId('rlbl'),
      reviewId: item.id,
      kind: item.kind,
      subjectId: item.subjectId,
      decisionId: typeof summary.decisionId === 'string' ? summary.decisionId : (logged?.id ?? null),
      modelVersion: typeof summary.modelVersion === 'string' ? summary.modelVersion : (logged?.servedVersion ?? null),
      modelRecommendation: item.score === null ? null : item.score >= MODEL_REJECT_SCORE ? 'reject' : 'approve',
      score: item.score,
      label: decision,
      reviewer,
    },
  });
}
