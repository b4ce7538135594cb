// An approved appeal reinstates a refused order with its stock reserved again and a payment
// link the shopper can pay through; no stock left says so; a rejected appeal tells the reason.
import { beforeAll, describe, expect, it } from 'vitest';
import { setEventStoreDb } from '@/inngest/runner/event-store';
import { useTestDatabase } from '@/server/db/testing';
import { DomainError } from '@/server/errors';
import { availableStock } from '@/server/modules/inventory/available-stock';
import { reserveStock } from '@/server/modules/inventory/reserve-stock';
import { explainOrderDecision } from '@/server/modules/privacy/explain-decision';
import { requestHumanReview } from '@/server/modules/privacy/request-human-review';
import { decideReview } from '@/server/modules/reviews/decide-review';
import { applyPaymentUpdate } from '@/server/modules/checkout/apply-payment-update';
import { GOOD_CARD, DECLINED_CARD } from '@/server/modules/checkout/checkout.fixtures';
import { makeRejectedOrder } from './orders.fixtures';
import { orderForPayLink, payReinstatedOrder } from './pay-reinstated-order';
import { resolveOrderAppeal } from './resolve-appeal';
import { emailHash } from '@/server/modules/privacy/contact-fields';

const getDb = useTestDatabase();
const db = () => getDb().prisma;
const reviewer = { id: 'stf_reviewer', email: 'reviewer@luma.example' };

beforeAll(() => {
  setEventStoreDb(getDb().prisma);
});

/** The shopper asks for a person (the order page's button), and the reviewer decides. */
async function appealAndDecide(o: { orderId: string; sessionKey: string }, decision: 'approve' | 'reject', note = '') {
  const ack = await requestHumanReview(db(), o.orderId, { sessionKey: o.sessionKey });
  await decideReview(db(), reviewer, { reviewId: ack.reviewId, decision, note });
  return ack.reviewId;
}

const mails = (to: string) => db().mailOutbox.findMany({ where: { toHash: emailHash(to) }, orderBy: { createdAt: 'asc' } });
const tokenOf = (text: string) => /\?pay=([A-Za-z0-9_-]+)/.exec(text)?.[1] ?? '';

describe('resolveOrderAppeal', () => {
  it('approval reinstates the order with its stock reserved, emails a payment link that pays it once', async () => {
    const o = await makeRejectedOrder(db(), { stock: 3, quantity: 2 });
    const reviewId = await appealAndDecide(o, 'approve', 'Customer verified by phone');

    const r = await resolveOrderAppeal(db(), { orderId: o.orderId });
    expect(r).toMatchObject({ outcome: 'reinstated', repeated: false });
    const order = await db().order.findUniqueOrThrow({ where: { id: o.orderId }, include: { events: true } });
    expect(order).toMatchObject({ status: 'pending_payment', cancelledAt: null, paymentId: null });
    expect(order.events.map((e) => [e.fromStatus, e.toStatus, e.actor])).toEqual([['cancelled', 'pending_payment', reviewer.id]]);
    expect((await availableStock(db(), [o.variantId])).get(o.variantId)).toBe(1);
    const res = await db().inventoryReservation.findFirstOrThrow({ where: { orderId: o.orderId } });
    expect(res.status).toBe('active');
    expect(res.expiresAt!.getTime()).toBeGreaterThan(Date.now() + 71 * 3_600_000);
    expect((await db().reviewItem.findUniqueOrThrow({ where: { id: reviewId } })).decisionNote).toMatch(/^Customer verified by phone\nOutcome: order reinstated with 2 units reserved/);
    expect(await db().auditEvent.count({ where: { action: 'order.appeal.reinstated', entityId: o.orderId } })).toBe(1);

    // The refused payment's void is delivered again (an inbox replay): the reinstated order waits on.
    await applyPaymentUpdate(db(), { paymentId: o.oldPaymentId, orderId: o.orderId, status: 'voided' });
    expect((await db().order.findUniqueOrThrow({ where: { id: o.orderId } })).status).toBe('pending_payment');
    expect(await db().inventoryReservation.count({ where: { orderId: o.orderId, status: 'active' } })).toBe(1);

    // The event is delivered again: nothing more happens.
    expect(await resolveOrderAppeal(db(), { orderId: o.orderId })).toMatchObject({ outcome: 'reinstated', repeated: true });
    expect((await availableStock(db(), [o.variantId])).get(o.variantId)).toBe(1);

    const [mail] = await mails(o.email);
    expect(mail!.subject).toMatch(/complete your payment/);
    const token = tokenOf(mail!.textBody);
    expect(mail!.textBody).toContain(`/orders/${o.orderId}?pay=${token}`);
    expect(r.payLink).toContain(token);

    const explained = await explainOrderDecision(db(), o.orderId, { sessionKey: o.sessionKey });
    expect(explained.appealOutcome).toMatch(/approved your order\. We emailed you a link/);

    // A wrong token is a not-found; a declined card leaves the order waiting.
    await expect(orderForPayLink(db(), { orderId: o.orderId, token: 'x'.repeat(32) })).rejects.toThrow(/was not found/);
    expect(await orderForPayLink(db(), { orderId: o.orderId, token })).toMatchObject({ payable: true });
    const declined = await payReinstatedOrder(db(), { orderId: o.orderId, token, paymentMethod: DECLINED_CARD });
    expect(declined.outcome).toBe('payment_declined');
    expect((await db().order.findUniqueOrThrow({ where: { id: o.orderId } })).status).toBe('pending_payment');

    const [paid, again] = await Promise.all([
      payReinstatedOrder(db(), { orderId: o.orderId, token, paymentMethod: GOOD_CARD }),
      payReinstatedOrder(db(), { orderId: o.orderId, token, paymentMethod: GOOD_CARD }).catch((e: unknown) => e),
    ]);
    expect(paid).toMatchObject({ outcome: 'paid', order: { status: 'paid' } });
    if (!(again instanceof DomainError)) expect(again).toMatchObject({ outcome: 'paid' });
    const payments = await db().payment.findMany({ where: { orderId: o.orderId, status: 'captured' } });
    expect(payments).toHaveLength(1);
    expect(payments[0]!.amountCapturedCents).toBe(5_000);
    // Stock committed: 2 units left the shelf, none are held any more.
    expect((await db().productVariant.findUniqueOrThrow({ where: { id: o.variantId } })).stockOnHand).toBe(1);
    expect((await availableStock(db(), [o.variantId])).get(o.variantId)).toBe(1);
    expect((await db().orderAppeal.findFirstOrThrow({ where: { orderId: o.orderId } })).paidAt).not.toBeNull();
    // Late failures of the other payments (the refused one, the declined retry) leave it paid.
    const declinedPayment = await db().payment.findFirstOrThrow({ where: { orderId: o.orderId, status: { not: 'captured' } }, orderBy: { createdAt: 'desc' } });
    for (const paymentId of [o.oldPaymentId, declinedPayment.id])
      await applyPaymentUpdate(db(), { paymentId, orderId: o.orderId, status: paymentId === o.oldPaymentId ? 'voided' : 'declined' });
    expect((await db().order.findUniqueOrThrow({ where: { id: o.orderId } })).status).toBe('paid');
    expect(await orderForPayLink(db(), { orderId: o.orderId, token })).toMatchObject({ payable: false, message: expect.stringMatching(/paid/) });
    expect((await mails(o.email)).map((m) => m.subject)).toEqual([expect.stringMatching(/complete your payment/), expect.stringMatching(/confirmed/)]);
  });

  it('approval with the stock gone leaves the order cancelled, and the review and the shopper say why', async () => {
    const o = await makeRejectedOrder(db(), { stock: 2, quantity: 2 });
    // Another shopper bought one meanwhile.
    await db().$transaction((tx) => reserveStock(tx, { orderId: 'ord_other', lines: [{ variantId: o.variantId, sku: o.sku, quantity: 1 }] }));
    const reviewId = await appealAndDecide(o, 'approve');

    const r = await resolveOrderAppeal(db(), { orderId: o.orderId });
    expect(r.outcome).toBe('stock_unavailable');
    expect(r.detail).toContain(`${o.sku} is out of stock: 2 requested, only 1 available`);
    expect((await db().order.findUniqueOrThrow({ where: { id: o.orderId } })).status).toBe('cancelled');
    expect(await db().inventoryReservation.count({ where: { orderId: o.orderId, status: 'active' } })).toBe(0);
    expect((await availableStock(db(), [o.variantId])).get(o.variantId)).toBe(1);
    expect((await db().reviewItem.findUniqueOrThrow({ where: { id: reviewId } })).decisionNote).toMatch(/Outcome: approved, but the order could not be reinstated/);
    const [mail] = await mails(o.email);
    expect(mail!.textBody).toMatch(/no longer in stock .*you have not been charged/s);
    expect(tokenOf(mail!.textBody)).toBe('');
    expect((await explainOrderDecision(db(), o.orderId, { sessionKey: o.sessionKey })).appealOutcome).toMatch(/no longer in stock/);
  });

  it('a rejected appeal records the reason and tells the shopper; the order stays cancelled', async () => {
    const o = await makeRejectedOrder(db(), { stock: 5, quantity: 1 });
    await appealAndDecide(o, 'reject', 'The card was reported stolen.');
    const r = await resolveOrderAppeal(db(), { orderId: o.orderId });
    expect(r).toMatchObject({ outcome: 'rejected', detail: 'The card was reported stolen.' });
    expect((await db().order.findUniqueOrThrow({ where: { id: o.orderId } })).status).toBe('cancelled');
    expect((await availableStock(db(), [o.variantId])).get(o.variantId)).toBe(5);
    const [mail] = await mails(o.email);
    expect(mail!.textBody).toMatch(/The decision stands.*\nReason: The card was reported stolen\./s);
    expect(await db().auditEvent.count({ where: { action: 'order.appeal.rejected', entityId: o.orderId } })).toBe(1);
  });
});
