// The shopper's explanation of an automated decision on their order (GDPR art. 22, CCPA ADMT):
// why it was held or refused, in plain language, without scores, thresholds or which signal
// weighed most (that would teach a fraudster what to change), and how to reach a person.
import type { Db } from '@/server/db/client';
import { getOrder, getOrderForShopper } from '@/server/modules/checkout/get-order';
import { latestAppeal, type AppealOutcome } from '@/server/modules/orders/appeal-outcome';
import { reviewForSubject } from '@/server/modules/reviews/list-reviews';

export type DecisionExplanation = {
  orderId: string;
  /** held: waiting for a person; rejected: refused by the automatic check; null: no automated decision against it. */
  decision: 'held' | 'rejected' | null;
  headline: string;
  reasons: string[];
  canRequestReview: boolean;
  review: { requested: boolean; status: string | null };
  /** What a person decided on the shopper's appeal, in plain words (null while undecided or never asked). */
  appealOutcome: string | null;
};

/** Risk reason (as the policy and model word it for staff) → what the shopper is told. Order matters: first match wins. */
const SENTENCES: [RegExp, string][] = [
  [/reject threshold/i, 'Our automatic fraud check rated this order as too risky to accept online.'],
  [/review threshold/i, 'Our automatic fraud check asked for a person to look at this order before it ships.'],
  [/above the reject limit/i, 'The order total is above what we can accept online in one order.'],
  [/above the review limit/i, 'Orders of this value are always checked by a person.'],
  [/^Shipping country .* reject/i, 'We cannot currently accept orders shipping to this country.'],
  [/^Shipping country .* review/i, 'Orders shipping to this country are checked by a person.'],
  [/on the block list/i, 'Some details on this order could not be accepted by our automatic check.'],
  [/on the allow list/i, ''],
  [/unavailable/i, 'Our automatic check was unavailable, so a person will look at the order.'],
  [/^High order value/i, 'The order value is higher than usual.'],
  [/usual orders/i, 'The order value is much higher than your previous orders.'],
  [/first order/i, 'This is the first order with this email address.'],
  [/orders from this email/i, 'Several orders were placed with this email address in a short time.'],
  [/IP address/i, 'Several orders were placed from the same network in a short time.'],
  [/^Card used/i, 'The same card was used for several orders in a short time.'],
  [/Billing and shipping/i, 'The billing and shipping addresses differ.'],
  [/never used/i, 'The order ships to a country not used before with this email address.'],
  [/resell/i, 'The order is mostly items that are often targeted by fraud.'],
  [/unusual hour/i, 'The order was placed at an unusual time of day.'],
  [/Many units/i, 'The order contains many units of the same item.'],
  [/card fingerprint/i, 'We could not recognise the card used.'],
  [/machine-generated/i, 'The email address looks automatically generated.'],
];

const FALLBACK = 'Our automatic checks flagged this order for a closer look.';

/** Plain sentences for stored risk reasons: deduplicated, never a number from the model or policy. */
export function plainReasons(reasons: string[]): string[] {
  const out: string[] = [];
  for (const r of reasons) {
    const hit = SENTENCES.find(([re]) => re.test(r));
    const sentence = hit ? hit[1] : FALLBACK;
    if (sentence && !out.includes(sentence)) out.push(sentence);
  }
  return out.length ? out : [FALLBACK];
}

function decisionOf(status: string, riskAction: string | null): DecisionExplanation['decision'] {
  if (riskAction === 'review' && (status === 'in_review' || status === 'on_hold')) return 'held';
  if (riskAction === 'reject') return 'rejected';
  return null;
}

/** The explanation for an order the shopper may see (their session, or its email); others get not-found. */
export async function explainOrderDecision(db: Db, orderId: string, who: { sessionKey: string | null; email?: string | null }): Promise<DecisionExplanation> {
  await getOrderForShopper(db, orderId, who);
  const order = await getOrder(db, orderId);
  const decision = decisionOf(order.status, order.risk.action);
  const review = decision ? await reviewForSubject(db, 'order_risk', orderId) : null;
  const appeal = decision ? await reviewForSubject(db, APPEAL_KIND, orderId) : null;
  const requested = Boolean(appeal) || review?.status === 'escalated';
  const outcome = decision === 'rejected' ? await latestAppeal(db, orderId) : null;
  return {
    orderId,
    decision,
    headline:
      outcome?.outcome === 'reinstated'
        ? 'A person reviewed the automatic decision and approved your order'
        : decision === 'held'
        ? 'Your order is waiting for a check by our team'
        : decision === 'rejected'
          ? 'Your order was declined by an automatic check'
          : 'No automated decision was made against this order',
    reasons: decision ? plainReasons(order.risk.reasons) : [],
    canRequestReview: decision !== null && !requested,
    review: { requested, status: (appeal ?? review)?.status ?? null },
    appealOutcome: outcome ? APPEAL_OUTCOME_TEXT[outcome.outcome](outcome) : null,
  };
}

const APPEAL_OUTCOME_TEXT: Record<AppealOutcome, (a: { detail: string; paid: boolean }) => string> = {
  reinstated: (a) =>
    a.paid
      ? 'A person reviewed this decision and approved your order. It is paid and confirmed.'
      : 'A person reviewed this decision and approved your order. We emailed you a link to complete your payment.',
  stock_unavailable: () => 'A person reviewed this decision and would have accepted the order, but an item is no longer in stock. You have not been charged.',
  not_reinstatable: () => 'A person reviewed this decision. We emailed you the outcome.',
  rejected: (a) => `A person reviewed this decision and it stands. ${a.detail}`,
};

/** Review kind for a shopper's request to have a refused order looked at by a person. */
export const APPEAL_KIND = 'decision_appeal';
