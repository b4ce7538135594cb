// A person decided a shopper's appeal of an automated refusal (review kind decision_appeal).
// Approve: the cancelled order is reinstated (cancelled → pending_payment, ADR 026) with its
// stock reserved again in the same transaction, and the shopper gets a one-time link to pay.
// No stock: nothing changes, and the review and the shopper are told why. Reject: the
// reviewer's reason is recorded and the shopper told. One outcome per review (idempotent).
import { createHash, randomBytes } from 'node:crypto';
import { withTx, type Db } from '@/server/db/client';
import type { OrderAppeal } from '@/server/db/generated/client';
import { newId } from '@/server/lib/ids';
import { recordAudit } from '@/server/modules/audit/record-audit';
import { getOrder } from '@/server/modules/checkout/get-order';
import type { AppealOutcome } from './appeal-outcome';
import { lockOrder, transitionOrder } from '@/server/modules/checkout/transition-order';
import { OutOfStockError } from '@/server/modules/inventory/inventory-errors';
import { reserveAgain } from '@/server/modules/inventory/reserve-again';
import { ensureInventoryLevels } from '@/server/modules/inventory/reserve-stock';
import { sendMail } from '@/server/modules/mail/send-mail';
import { APPEAL_KIND } from '@/server/modules/privacy/explain-decision';
import { storeUrl } from '@/server/modules/recovery/send-recovery-email';
import { reviewForSubject } from '@/server/modules/reviews/list-reviews';
import { noteReviewOutcome } from '@/server/modules/reviews/note-review-outcome';

export type AppealResult = { appealId: string; orderId: string; outcome: AppealOutcome; detail: string; payLink: string | null; repeated: boolean };

/** How long the shopper has to pay a reinstated order (ORDER_APPEAL_PAY_HOURS, default 72). */
export function appealPayWindowMs(env: NodeJS.ProcessEnv = process.env): number {
  const hours = Number(env.ORDER_APPEAL_PAY_HOURS ?? 72);
  return (Number.isFinite(hours) && hours > 0 ? hours : 72) * 3_600_000;
}

export const hashPayToken = (token: string) => createHash('sha256').update(token).digest('hex');
export const payLink = (orderId: string, token: string) => new URL(`/orders/${orderId}?pay=${token}`, storeUrl()).toString();

const result = (a: OrderAppeal, payLink: string | null, repeated: boolean): AppealResult => ({
  appealId: a.id,
  orderId: a.orderId,
  outcome: a.outcome as AppealOutcome,
  detail: a.detail,
  payLink,
  repeated,
});

/** Called for every decided decision_appeal review (inngest resolve-order-appeal). */
export async function resolveOrderAppeal(db: Db, input: { orderId: string; now?: Date }): Promise<AppealResult> {
  const now = input.now ?? new Date();
  const review = await reviewForSubject(db, APPEAL_KIND, input.orderId);
  if (!review || (review.status !== 'approved' && review.status !== 'rejected'))
    throw new Error(`appeal for order ${input.orderId} is not decided (${review?.status ?? 'missing'})`);
  const done = await db.orderAppeal.findUnique({ where: { reviewId: review.id } });
  if (done) return result(done, null, true);
  const order = await getOrder(db, input.orderId);
  const decidedBy = review.decidedBy ?? 'reviewer';
  const ref = `${order.id}`;

  if (review.status === 'rejected') {
    const reason = review.decisionNote.trim() || 'The original decision stands after a review by a person.';
    return withTx(db, async (tx) => {
      const appeal = await tx.orderAppeal.create({ data: { id: newId('apl'), orderId: order.id, reviewId: review.id, outcome: 'rejected', detail: reason, decidedBy, createdAt: now } });
      await sendMail(tx, {
        kind: 'order_notice',
        to: order.email,
        subject: `We reviewed your order (${ref})`,
        text: [`A member of our team reviewed the automatic decision on order ${ref}.`, 'The decision stands: the order stays cancelled and you have not been charged.', `Reason: ${reason}`].join('\n'),
      });
      await recordAudit(tx, { actor: decidedBy, action: 'order.appeal.rejected', entity: 'order', entityId: order.id, after: { reviewId: review.id, outcome: 'rejected' }, reason });
      return result(appeal, null, false);
    });
  }

  // Approved. The counter rows must exist before the reservation's conditional update.
  await ensureInventoryLevels(db, order.lines.map((l) => l.variantId));
  const token = randomBytes(24).toString('base64url');
  const expiresAt = new Date(now.getTime() + appealPayWindowMs());
  try {
    return await withTx(db, async (tx) => {
      const status = await lockOrder(tx, order.id);
      if (status !== 'cancelled') {
        const detail = `the order is ${status.replace('_', ' ')}, not cancelled, so there was nothing to reinstate`;
        const appeal = await tx.orderAppeal.create({ data: { id: newId('apl'), orderId: order.id, reviewId: review.id, outcome: 'not_reinstatable', detail, decidedBy, createdAt: now } });
        await noteReviewOutcome(tx, review.id, detail);
        return result(appeal, null, false);
      }
      const units = await reserveAgain(tx, { orderId: order.id, lines: order.lines.map((l) => ({ variantId: l.variantId, sku: l.sku, quantity: l.quantity })), expiresAt });
      await transitionOrder(tx, order.id, 'pending_payment', { reason: 'reinstated: appeal approved by a person', actor: decidedBy });
      // A fresh start for payment: the refused authorisation was voided with the cancellation.
      await tx.order.update({ where: { id: order.id }, data: { cancelledAt: null, paymentId: null, paymentStatus: null, cardLast4: null, cardBrand: null } });
      const detail = `order reinstated with ${units} units reserved; the shopper was sent a payment link valid until ${expiresAt.toISOString().slice(0, 16).replace('T', ' ')} UTC`;
      const appeal = await tx.orderAppeal.create({
        data: { id: newId('apl'), orderId: order.id, reviewId: review.id, outcome: 'reinstated', detail, decidedBy, payTokenHash: hashPayToken(token), payExpiresAt: expiresAt, createdAt: now },
      });
      const link = payLink(order.id, token);
      await sendMail(tx, {
        kind: 'order_notice',
        to: order.email,
        subject: `Your order was approved — complete your payment (${ref})`,
        text: [
          `A member of our team reviewed order ${ref} and approved it.`,
          `Your items are reserved until ${expiresAt.toUTCString()}. Complete your payment here:`,
          link,
          'You have not been charged yet.',
        ].join('\n'),
      });
      await noteReviewOutcome(tx, review.id, detail);
      await recordAudit(tx, { actor: decidedBy, action: 'order.appeal.reinstated', entity: 'order', entityId: order.id, after: { reviewId: review.id, outcome: 'reinstated', units, payExpiresAt: expiresAt.toISOString() } });
      return result(appeal, link, false);
    });
  } catch (err) {
    if (!(err instanceof OutOfStockError)) throw err;
    // The reservation rolled back with everything else; say so to the reviewer and the shopper.
    const detail = `approved, but the order could not be reinstated: ${err.message}`;
    return withTx(db, async (tx) => {
      const appeal = await tx.orderAppeal.create({ data: { id: newId('apl'), orderId: order.id, reviewId: review.id, outcome: 'stock_unavailable', detail, decidedBy, createdAt: now } });
      await noteReviewOutcome(tx, review.id, detail);
      await sendMail(tx, {
        kind: 'order_notice',
        to: order.email,
        subject: `We reviewed your order (${ref})`,
        text: [
          `A member of our team reviewed order ${ref} and would have accepted it, but an item is no longer in stock (${err.sku}).`,
          'The order stays cancelled and you have not been charged. We are sorry.',
        ].join('\n'),
      });
      await recordAudit(tx, { actor: decidedBy, action: 'order.appeal.stock_unavailable', entity: 'order', entityId: order.id, after: { reviewId: review.id, outcome: 'stock_unavailable', sku: err.sku } });
      return result(appeal, null, false);
    });
  }
}
