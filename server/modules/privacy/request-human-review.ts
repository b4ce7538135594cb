// "Request a human review" on the shopper's order page. A held order already has a review
// item (the exception flow queued it): it is escalated, so it is looked at first. A refused
// order gets a decision_appeal item in the same queue. Idempotent: asking twice is one request.
import type { Db } from '@/server/db/client';
import { ConflictError } from '@/server/errors';
import { recordAudit } from '@/server/modules/audit/record-audit';
import { getOrder, getOrderForShopper } from '@/server/modules/checkout/get-order';
import { escalateReview } from '@/server/modules/reviews/decide-review';
import { enqueueReview } from '@/server/modules/reviews/enqueue-review';
import { reviewForSubject } from '@/server/modules/reviews/list-reviews';
import { APPEAL_KIND, explainOrderDecision } from './explain-decision';

export type HumanReviewAck = { orderId: string; reviewId: string; status: string; alreadyRequested: boolean; message: string };

const MESSAGE = 'Thank you. A member of our team will review this decision and email you with the outcome.';

export async function requestHumanReview(
  db: Db,
  orderId: string,
  who: { sessionKey: string | null; email?: string | null },
  now = new Date(),
): Promise<HumanReviewAck> {
  const explanation = await explainOrderDecision(db, orderId, who);
  if (!explanation.decision) throw new ConflictError('This order has no automated decision to review', { field: 'orderId' });
  await getOrderForShopper(db, orderId, who);
  const order = await getOrder(db, orderId);

  if (explanation.decision === 'held') {
    const item = await reviewForSubject(db, 'order_risk', orderId);
    if (item && (item.status === 'open' || item.status === 'escalated')) {
      const already = item.status === 'escalated';
      if (!already) {
        await escalateReview(db, item.id, now);
        await audit(db, orderId, item.id, 'escalated');
      }
      return { orderId, reviewId: item.id, status: 'escalated', alreadyRequested: already, message: MESSAGE };
    }
  }
  // Refused (or held without an open item yet): a new item in the queue, summary without personal data.
  const { item, created } = await enqueueReview(
    db,
    {
      kind: APPEAL_KIND,
      subjectId: orderId,
      score: null,
      reasons: ['The shopper asked for a person to review an automated decision', ...order.risk.reasons.slice(0, 10)],
      summary: {
        totalCents: order.totalCents,
        currency: order.currency,
        itemCount: order.lines.reduce((n, l) => n + l.quantity, 0),
        country: order.shippingAddress.country,
        automatedDecision: order.risk.action,
        modelVersion: order.risk.modelVersion,
        policyVersion: order.risk.policyVersion,
      },
      slaMinutes: 24 * 60,
    },
    now,
  );
  if (created) await audit(db, orderId, item.id, 'appeal');
  return { orderId, reviewId: item.id, status: item.status, alreadyRequested: !created, message: MESSAGE };
}

// Audited with ids only: the shopper is the actor, never named.
function audit(db: Db, orderId: string, reviewId: string, kind: 'escalated' | 'appeal') {
  return recordAudit(db, {
    actor: 'shopper',
    action: 'privacy.human_review.requested',
    entity: 'order',
    entityId: orderId,
    after: { reviewId, kind },
  });
}
