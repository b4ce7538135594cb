// Large discounts need a person (issue 6): a promotion above the published discount policy's
// auto-approve limits (approvalAbovePercent / approvalAboveAmountCents) is saved inactive and
// sent to the review queue (kind `discount_approval`); approving it there switches it on,
// rejecting leaves it off. With four-eyes on, its creator cannot decide it.
import type { Db } from '@/server/db/client';
import type { Prisma, Promotion } from '@/server/db/generated/client';
import { NotFoundError } from '@/server/errors';
import { formatMoney } from '@/components/ui/money';
import { recordAudit } from '@/server/modules/audit/record-audit';
import { getPublishedPolicy } from '@/server/modules/policies/policy-versions';
import { enqueueReview } from '@/server/modules/reviews/enqueue-review';

export const DISCOUNT_REVIEW_KIND = 'discount_approval';

type Shape = Pick<Promotion, 'kind' | 'percentOff' | 'amountOffCents'>;

/** Why a promotion of this size needs approval under the published discount policy, or null. */
export async function approvalReason(db: Db, p: Shape): Promise<{ reason: string; policyVersion: string } | null> {
  const policy = await getPublishedPolicy(db, 'discount');
  if (!policy) return null;
  const { approvalAbovePercent: pct, approvalAboveAmountCents: amt } = policy.body;
  if (p.kind === 'percent_off' && pct !== null && (p.percentOff ?? 0) > pct)
    return { reason: `${p.percentOff}% off is above the ${pct}% auto-approve limit`, policyVersion: policy.label };
  if (p.kind === 'amount_off' && amt !== null && (p.amountOffCents ?? 0) > amt)
    return {
      reason: `${formatMoney(p.amountOffCents ?? 0, 'USD')} off is above the ${formatMoney(amt, 'USD')} auto-approve limit`,
      policyVersion: policy.label,
    };
  return null;
}

/** Sends a (switched-off) promotion to the queue. One item per size asked for. */
export async function requestPromotionApproval(
  tx: Prisma.TransactionClient,
  promo: Promotion,
  why: { reason: string; policyVersion: string },
  actor: string,
) {
  const size = promo.kind === 'percent_off' ? `${promo.percentOff}pct` : `${promo.amountOffCents}c`;
  const { item } = await enqueueReview(tx, {
    kind: DISCOUNT_REVIEW_KIND,
    subjectId: `${promo.id}:${size}`,
    reasons: [why.reason],
    summary: {
      promotionId: promo.id,
      name: promo.name,
      code: promo.code,
      kind: promo.kind,
      percentOff: promo.percentOff,
      amountOffCents: promo.amountOffCents,
      policyVersion: why.policyVersion,
      requestedBy: actor,
      authors: [actor],
      link: '/console/promotions',
    },
    slaMinutes: 24 * 60,
  });
  await recordAudit(tx, {
    actor,
    action: 'promotion.approval_requested',
    entity: 'promotion',
    entityId: promo.id,
    after: { reviewId: item.id, percentOff: promo.percentOff, amountOffCents: promo.amountOffCents },
    reason: why.reason,
  });
  return item;
}

/** The review queue's decision on a `discount_approval` item. */
export async function decidePromotionApproval(
  tx: Prisma.TransactionClient,
  actor: { id: string; email: string },
  subjectId: string,
  decision: 'approve' | 'reject',
  note: string,
) {
  const id = subjectId.split(':')[0]!;
  const before = await tx.promotion.findUnique({ where: { id } });
  if (!before) throw new NotFoundError('promotion', id);
  const row =
    decision === 'approve'
      ? await tx.promotion.update({ where: { id }, data: { active: true, updatedAt: new Date() } })
      : before;
  await recordAudit(tx, {
    actor: actor.email,
    action: decision === 'approve' ? 'promotion.approve' : 'promotion.reject',
    entity: 'promotion',
    entityId: id,
    before: { active: before.active },
    after: { active: row.active },
    reason: note,
  });
  return row;
}
