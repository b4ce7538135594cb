// The order exception flow (issue 7): the work a person used to do by hand for every order.
// Checkout has already reserved stock, authorised the payment and scored risk. Then:
//   confirm stock → (REVIEW: queue for a person → wait → escalate → give up) → capture →
//   notify.
// When a step fails after earlier ones took effect, the flow compensates them in reverse
// order (refund or void the payment, release stock, revoke discounts, cancel) and tells the
// shopper, so no order ends half done. Every step is memoised: a crash resumes where it was.
import { inngest } from '@/inngest/client';
import { orderPlaced, reviewDecided } from '@/inngest/events';
import { getDb } from '@/server/db/client';
import { applyPaymentUpdate } from '@/server/modules/checkout/apply-payment-update';
import { getOrder, orderSessionKey } from '@/server/modules/checkout/get-order';
import { recordPaymentStatus } from '@/server/modules/checkout/record-payment-status';
import { cancelOrder, restockAndRevokeDiscounts } from '@/server/modules/checkout/order-stock';
import { transitionOrder } from '@/server/modules/checkout/transition-order';
import { ensureOrderReserved } from '@/server/modules/inventory/ensure-reserved';
import { getVariantsForSale } from '@/server/modules/catalog/get-variants';
import { markOfferApplied } from '@/server/modules/pricing/apply-offer';
import { proposeDiscountOffer } from '@/server/modules/pricing/propose-discount-offer';
import { offerPercentText } from '@/server/modules/pricing/price-cart';
import { notifyOrder } from '@/server/modules/notifications/notify-order';
import { capturePayment, getPayment, refundPayment, voidPayment } from '@/server/modules/payments/payments-service';
import { escalateReview, expireReview } from '@/server/modules/reviews/decide-review';
import { enqueueReview } from '@/server/modules/reviews/enqueue-review';
import { reviewVerdict } from '@/server/modules/reviews/review-verdict';
import { checkFault, checkHang } from './process-order.faults';

/** How long a reviewer has before the item escalates, then how long after that before we give up. */
const REVIEW_SLA = () => process.env.ORDER_REVIEW_SLA ?? '1h';
const REVIEW_GIVE_UP = () => process.env.ORDER_REVIEW_GIVE_UP ?? '23h';
const SLA_MINUTES = () => Number(process.env.ORDER_REVIEW_SLA_MINUTES ?? 60);

type Effects = { captured: boolean };

export const processOrder = inngest.createFunction(
  {
    id: 'process-order',
    name: 'Order exception flow',
    triggers: [orderPlaced],
    retries: 3,
    // One flow per order, however often the event is sent.
    idempotency: 'event.data.orderId',
  },
  async ({ event, step }) => {
    const orderId = event.data.orderId;
    const order = await step.run('load-order', async () => {
      const o = await getOrder(getDb(), orderId);
      return {
        status: o.status,
        // No email here: step results are stored (job_steps), and the address lives only on the
        // order, sealed. Each notify step reads it from the order when it sends.
        paymentId: o.payment.id,
        totalCents: o.totalCents,
        currency: o.currency,
        itemCount: o.lines.reduce((n, l) => n + l.quantity, 0),
        country: o.shippingAddress.country,
        lines: o.lines.map((l) => ({ variantId: l.variantId, sku: l.sku, quantity: l.quantity })),
        risk: o.risk,
      };
    });
    // Declined, rejected or already handled: nothing for the flow to do.
    if (order.status !== 'authorized' && order.status !== 'in_review') return { orderId, outcome: 'skipped', status: order.status };

    const effects: Effects = { captured: false };
    try {
      await step.run('confirm-stock', async () => {
        checkFault('confirm-stock');
        return ensureOrderReserved(getDb(), orderId, order.lines);
      });

      if (order.status === 'in_review') {
        const verdict = await reviewStep(orderId, order);
        if (verdict.decision === 'reject') {
          await compensate(orderId, order, effects, verdict.reason);
          return { orderId, outcome: 'rejected_by_review', reason: verdict.reason };
        }
        await step.run('release-hold', async () => {
          checkFault('release-hold');
          const o = await getOrder(getDb(), orderId);
          if (o.status === 'in_review') await transitionOrder(getDb(), orderId, 'authorized', { reason: verdict.reason, actor: 'exception-flow' });
          return { status: 'authorized' };
        });
      }

      await step.run('capture-payment', async () => {
        checkFault('capture-payment');
        checkHang('capture-payment');
        if (!order.paymentId) throw new Error(`order ${orderId} has no payment to capture`);
        const r = await capturePayment(getDb(), { paymentId: order.paymentId, idempotencyKey: `${orderId}:capture` });
        checkHang('capture-payment:after');
        checkFault('capture-payment:after');
        if (r.status !== 'captured') throw new Error(`capture returned ${r.status}: ${r.message ?? r.declineCode ?? 'no reason'}`);
        return { paymentId: r.paymentId, status: r.status };
      });
      effects.captured = true;

      await step.run('mark-paid', async () => {
        checkFault('mark-paid');
        checkHang('mark-paid');
        // The same idempotent path a provider's webhook takes: paid, stock committed.
        return applyPaymentUpdate(getDb(), { paymentId: order.paymentId!, orderId, status: 'captured' });
      });
    } catch (err) {
      const reason = `automatic cancellation: ${(err as Error).message}`;
      await compensate(orderId, order, effects, reason);
      return { orderId, outcome: 'compensated', reason };
    }

    // A held order kept the shopper waiting: the discount model proposes an apology, bounded
    // by the published discount policy, refunded on this order. A goodwill gesture, so a
    // failure here never undoes the sale.
    let apology: { offered: boolean; amountCents?: number; percent?: number; policyVersion?: string; reason?: string | null } = { offered: false };
    if (order.status === 'in_review') {
      try {
        apology = await step.run('held-order-offer', async () => {
          checkFault('held-order-offer');
          const o = await getOrder(getDb(), orderId);
          const variants = await getVariantsForSale(getDb(), { ids: o.lines.map((l) => l.variantId) });
          const categories = new Map(variants.map((v) => [v.id, v.categoryPath]));
          const r = await proposeDiscountOffer(getDb(), {
            subject: orderId,
            reason: 'held_order',
            customerEmail: o.email,
            // A discount experiment serves the shopper's arm (exposure logged once per unit).
            unitKey: await orderSessionKey(getDb(), orderId),
            lines: o.lines.map((l) => ({ variantId: l.variantId, productId: l.productId, unitPriceCents: l.unitPriceCents, quantity: l.quantity, categoryPath: categories.get(l.variantId) ?? [] })),
            // What the order was already given counts against the policy's bounds (margin floor).
            priorDiscountCents: o.discountCents,
          });
          if (!r.offer) return { offered: false, reason: r.reason };
          await refundPayment(getDb(), { paymentId: order.paymentId!, amountCents: r.offer.amountCents, idempotencyKey: `${orderId}:apology` });
          await markOfferApplied(getDb(), r.offer.id, orderId);
          // The percent as shoppers see it (one decimal): bounded by the margin floor it is rarely whole.
          return { offered: true, amountCents: r.offer.amountCents, percent: Number(offerPercentText(r.offer.percent)), policyVersion: r.offer.policyVersion };
        });
      } catch (err) {
        apology = { offered: false, reason: `offer failed: ${(err as Error).message}` };
      }
    }

    // The order is paid. A confirmation that cannot be delivered is not a reason to take the
    // money back: it is retried, then recorded for a person, and the order stands.
    try {
      await step.run('notify-confirmed', async () => {
        checkFault('notify-confirmed');
        const note = apology.offered ? `Sorry for the wait: we refunded ${(apology.amountCents! / 100).toFixed(2)} (${apology.percent}% off).` : undefined;
        return notifyOrder(await orderEmail(orderId), 'confirmed', { id: orderId, note });
      });
      return { orderId, outcome: 'paid', notified: true, apology };
    } catch (err) {
      return { orderId, outcome: 'paid', notified: false, notifyError: (err as Error).message, apology };
    }

    /** Queue for a person, wait for the decision; escalate once, then give up (cancel). */
    async function reviewStep(id: string, o: typeof order): Promise<{ decision: 'approve' | 'reject'; reason: string }> {
      const review = await step.run('queue-for-review', async () => {
        checkFault('queue-for-review');
        const { item } = await enqueueReview(getDb(), {
          kind: 'order_risk',
          subjectId: id,
          score: o.risk.score,
          reasons: o.risk.reasons,
          summary: {
            totalCents: o.totalCents,
            currency: o.currency,
            itemCount: o.itemCount,
            country: o.country,
            modelVersion: o.risk.modelVersion,
            policyVersion: o.risk.policyVersion,
            // The logged risk decision whose features the reviewer's verdict labels (review_labels).
            decisionId: o.risk.decisionId,
          },
          slaMinutes: SLA_MINUTES(),
        });
        await notifyOrder(await orderEmail(id), 'in_review', { id });
        return { reviewId: item.id };
      });
      // The wait only sees decisions announced after it begins, and an announcement can be lost
      // after the decision committed: the stored decision is read before waiting and whenever a
      // wait times out, so an approved order is never cancelled for "no decision".
      const stored = (label: string) => step.run(label, () => reviewVerdict(getDb(), review.reviewId));
      const before = await stored('check-review');
      if (before) return before;
      const match = `async.data.subjectId == "${id}" && async.data.kind == "order_risk"`;
      let decided = await step.waitForEvent('wait-for-review', { event: reviewDecided, timeout: REVIEW_SLA(), if: match });
      if (!decided) {
        const atSla = await stored('check-review-at-sla');
        if (atSla) return atSla;
        await step.run('escalate-review', () => escalateReview(getDb(), review.reviewId));
        decided = await step.waitForEvent('wait-after-escalation', { event: reviewDecided, timeout: REVIEW_GIVE_UP(), if: match });
      }
      if (!decided) {
        const atGiveUp = await stored('check-review-at-give-up');
        if (atGiveUp) return atGiveUp;
        await step.run('expire-review', () => expireReview(getDb(), 'order_risk', id));
        return { decision: 'reject', reason: 'no review decision in time' };
      }
      return {
        decision: decided.data.decision,
        reason: decided.data.decision === 'approve' ? 'approved by a reviewer' : 'rejected by a reviewer',
      };
    }

    /** Undo what took effect, newest first. Each compensation is its own memoised, idempotent step. */
    async function compensate(id: string, o: typeof order, done: Effects, reason: string) {
      if (o.paymentId) {
        const paymentId = o.paymentId;
        await step.run('compensate-payment', async () => {
          // The payment's own status decides, not only the flow's record: a capture can take
          // effect and its step still fail (after the provider answered), and a captured
          // payment cannot be voided, only refunded.
          const current = await getPayment(getDb(), paymentId);
          if (current.status === 'voided' || current.status === 'refunded') {
            await recordPaymentStatus(getDb(), id, current.status);
            return { status: current.status };
          }
          const r =
            done.captured || current.status === 'captured'
              ? await refundPayment(getDb(), { paymentId, idempotencyKey: `${id}:refund` })
              : await voidPayment(getDb(), { paymentId, idempotencyKey: `${id}:void` });
          // Recorded on the order now (the provider's webhook repeats it later, harmlessly).
          if (r.status === 'voided' || r.status === 'refunded') await recordPaymentStatus(getDb(), id, r.status);
          return { status: r.status };
        });
      }
      await step.run('compensate-order', async () => {
        const current = await getOrder(getDb(), id);
        // The flow never fulfils, so a refund here always comes before the goods left: restock,
        // and give back the discount the order redeemed (a payment update that got there first,
        // captured → paid or refunded, does neither).
        if (current.status === 'cancelled' || current.status === 'refunded') {
          await expireReview(getDb(), 'order_risk', id);
          return { status: current.status, ...(await restockAndRevokeDiscounts(getDb(), id)) };
        }
        if (current.status === 'paid') {
          await applyPaymentUpdate(getDb(), { paymentId: current.payment.id ?? o.paymentId ?? '', orderId: id, status: 'refunded' });
          return { status: 'refunded', ...(await restockAndRevokeDiscounts(getDb(), id)) };
        }
        // Releases stock and revokes discounts with the cancel, in one transaction.
        const r = await cancelOrder(getDb(), id, { reason, actor: 'exception-flow' });
        await expireReview(getDb(), 'order_risk', id);
        return { status: 'cancelled', released: r.released };
      });
      await step.run('notify-cancelled', async () => notifyOrder(await orderEmail(id), done.captured ? 'refunded' : 'cancelled', { id, reason }));
    }
  },
);

/** The shopper's address, opened from the order when a notice is sent (never kept in a step result). */
async function orderEmail(orderId: string): Promise<string> {
  return (await getOrder(getDb(), orderId)).email;
}
