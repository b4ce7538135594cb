// The shopper completes payment for an order an appeal reinstated, through the one-time link
// emailed to them (/orders/<id>?pay=<token>). A person already approved the order, so risk is
// not scored again: authorise, capture, and the order is paid with its reserved stock
// committed (the same applyPaymentUpdate path a provider webhook takes). A declined card
// leaves the order waiting for another card until the link expires.
import { createHash } from 'node:crypto';
import { withTx, type Db } from '@/server/db/client';
import { ConflictError, NotFoundError } from '@/server/errors';
import { recordAudit } from '@/server/modules/audit/record-audit';
import { applyPaymentUpdate } from '@/server/modules/checkout/apply-payment-update';
import { getOrder, shopperView, type OrderView } from '@/server/modules/checkout/get-order';
import { lockOrder, transitionOrder } from '@/server/modules/checkout/transition-order';
import { holdReservations } from '@/server/modules/inventory/release-stock';
import { outboxTransport } from '@/server/modules/mail/outbox-transport';
import { notifyOrder } from '@/server/modules/notifications/notify-order';
import { authorizePayment, capturePayment } from '@/server/modules/payments/payments-service';
import { appealPayLinkInput, payReinstatedOrderInput, type PayReinstatedOrderInput } from './appeals.schema';
import { hashPayToken } from './resolve-appeal';

export type PayLinkView = { order: OrderView; payable: boolean; message: string; expiresAt: string | null };

async function appealFor(db: Db, orderId: string, token: string) {
  const appeal = await db.orderAppeal.findUnique({ where: { payTokenHash: hashPayToken(token) } });
  // A wrong token or another order's token: the same not-found as any other probe.
  if (!appeal || appeal.orderId !== orderId) throw new NotFoundError('order', orderId);
  return appeal;
}

/** What the order page shows for a payment link: the order (shopper view) and whether it can be paid now. */
export async function orderForPayLink(db: Db, raw: { orderId: string; token: string }, now = new Date()): Promise<PayLinkView> {
  const input = appealPayLinkInput.parse(raw);
  const appeal = await appealFor(db, input.orderId, input.token);
  const order = shopperView(await getOrder(db, input.orderId));
  const expiresAt = appeal.payExpiresAt?.toISOString() ?? null;
  if (appeal.paidAt || order.status === 'paid' || order.status === 'authorized' || order.status === 'fulfilled')
    return { order, payable: false, message: 'This order is paid. Thank you!', expiresAt };
  if (order.status !== 'pending_payment' || (appeal.payExpiresAt && appeal.payExpiresAt < now))
    return { order, payable: false, message: 'This payment link has expired and the items were released. Please place a new order.', expiresAt };
  return { order, payable: true, message: 'Your order was approved after a review. Complete your payment to confirm it.', expiresAt };
}

export type PayResult = { outcome: 'paid' | 'payment_declined'; message: string; order: OrderView };

export async function payReinstatedOrder(db: Db, raw: PayReinstatedOrderInput, now = new Date()): Promise<PayResult> {
  const input = payReinstatedOrderInput.parse(raw);
  const appeal = await appealFor(db, input.orderId, input.token);
  const view = await orderForPayLink(db, input, now);
  if (!view.payable) {
    if (appeal.paidAt) return { outcome: 'paid', message: view.message, order: view.order };
    throw new ConflictError(view.message, { field: 'token' });
  }
  const order = await getOrder(db, input.orderId);
  // One authorisation per appeal and card: a double submit is one charge; another card after a decline is a new try.
  const card = createHash('sha256').update(input.paymentMethod).digest('hex').slice(0, 16);
  const payment = await authorizePayment(db, {
    orderId: order.id,
    amountCents: order.totalCents,
    currency: order.currency,
    paymentMethod: input.paymentMethod,
    email: order.email,
    idempotencyKey: `appeal-pay:${appeal.id}:${card}`,
  });
  if (payment.status !== 'authorized' && payment.status !== 'captured') {
    return {
      outcome: 'payment_declined',
      message: payment.message ?? 'Your card was declined. Try another card; your items stay reserved until the link expires.',
      order: shopperView(await getOrder(db, order.id)),
    };
  }
  await withTx(db, async (tx) => {
    const status = await lockOrder(tx, order.id);
    if (status !== 'pending_payment') return;
    await tx.order.update({
      where: { id: order.id },
      data: { paymentId: payment.paymentId, paymentStatus: 'authorized', cardLast4: payment.last4, cardBrand: payment.brand },
    });
    await transitionOrder(tx, order.id, 'authorized', { reason: 'payment authorised after an approved appeal', actor: 'shopper' });
    await holdReservations(tx, order.id);
  });
  await capturePayment(db, { paymentId: payment.paymentId, idempotencyKey: `appeal-capture:${payment.paymentId}` });
  await applyPaymentUpdate(db, { paymentId: payment.paymentId, orderId: order.id, status: 'captured' });
  const first = await db.orderAppeal.updateMany({ where: { id: appeal.id, paidAt: null }, data: { paidAt: now } });
  if (first.count > 0) {
    await recordAudit(db, { actor: 'shopper', action: 'order.appeal.paid', entity: 'order', entityId: order.id, after: { appealId: appeal.id, paymentId: payment.paymentId } });
    await notifyOrder(order.email, 'confirmed', { id: order.id, note: 'Thank you for your patience while we reviewed your order.' }, outboxTransport('order_notice', db));
  }
  return { outcome: 'paid', message: 'Thank you! Your payment went through and your order is confirmed.', order: shopperView(await getOrder(db, order.id)) };
}
