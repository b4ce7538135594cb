// Applies one inbox event to its payment (process-payment-webhook function, and console
// replay). Safe to run any number of times, in any order with other events: the status only
// moves forward (advance-payment.ts), so a repeat or a late, older event changes nothing.
import type { Db } from '@/server/db/client';
import { DomainError, NotFoundError } from '@/server/errors';
import { advancePayment } from './advance-payment';
import type { StoredPaymentStatus } from './payment-status';
import { parseWebhookEvent, type PaymentWebhookEvent } from './webhook-event.schema';

/** The event names a payment we do not have (yet: its authorisation may still be committing). Retried. */
export class WebhookPaymentNotFoundError extends DomainError {
  constructor(provider: string, providerPaymentId: string) {
    super('NOT_FOUND', `no ${provider} payment ${providerPaymentId} (yet)`, { provider, providerPaymentId });
  }
}

export type ApplyResult = {
  inboxId: string;
  paymentId: string;
  orderId: string;
  status: StoredPaymentStatus;
  changed: boolean;
  outcome: string;
};

async function findPayment(db: Db, provider: string, event: PaymentWebhookEvent) {
  const byProviderId = await db.payment.findUnique({
    where: { provider_providerPaymentId: { provider, providerPaymentId: event.providerPaymentId } },
  });
  if (byProviderId) return byProviderId;
  // Before our own call returned we had not stored the provider's id: match our metadata.
  if (!event.paymentId) return null;
  const byId = await db.payment.findUnique({ where: { id: event.paymentId } });
  if (
    !byId ||
    byId.provider !== provider ||
    (byId.providerPaymentId && byId.providerPaymentId !== event.providerPaymentId)
  )
    return null;
  if (!byId.providerPaymentId) {
    await db.payment.updateMany({
      where: { id: byId.id, providerPaymentId: null },
      data: { providerPaymentId: event.providerPaymentId },
    });
  }
  return byId;
}

export async function applyWebhookEvent(db: Db, inboxId: string): Promise<ApplyResult> {
  const row = await db.paymentWebhookInbox.findUnique({ where: { id: inboxId } });
  if (!row) throw new NotFoundError('Webhook event', inboxId);
  const event = parseWebhookEvent(row.payload);
  const payment = await findPayment(db, row.provider, event);
  if (!payment) {
    const err = new WebhookPaymentNotFoundError(row.provider, event.providerPaymentId);
    await db.paymentWebhookInbox.update({
      where: { id: inboxId },
      data: {
        status: row.status === 'processed' ? 'processed' : 'failed',
        attempts: { increment: 1 },
        error: err.message,
      },
    });
    throw err;
  }
  const changed = await advancePayment(db, payment.id, {
    to: event.status,
    amountCapturedCents: event.amountCapturedCents,
    amountRefundedCents: event.amountRefundedCents,
    declineCode: event.declineCode,
    message: event.message,
  });
  const after = await db.payment.findUniqueOrThrow({
    where: { id: payment.id },
    select: { id: true, orderId: true, status: true },
  });
  const outcome = changed ? `${payment.status} → ${after.status}` : `no change: payment is ${after.status}`;
  await db.paymentWebhookInbox.update({
    where: { id: inboxId },
    data: {
      status: 'processed',
      processedAt: row.processedAt ?? new Date(),
      attempts: { increment: 1 },
      outcome: row.outcome && !changed ? row.outcome : outcome,
      error: null,
    },
  });
  return { inboxId, paymentId: after.id, orderId: after.orderId, status: after.status, changed, outcome };
}
