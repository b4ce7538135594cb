// Console side of the inbox: list events with their processing state, replay one.
import type { Db } from '@/server/db/client';
import { recordAudit } from '@/server/modules/audit/record-audit';
import { publishPaymentStatus } from './advance-payment';
import { applyWebhookEvent, type ApplyResult } from './apply-webhook';
import { listInboxInput, type ListInboxInput } from './webhook-inbox.schema';

export async function listWebhookInbox(db: Db, input: ListInboxInput) {
  const { status, provider, page, pageSize } = listInboxInput.parse(input);
  const where = { status, provider };
  const [total, rows] = await Promise.all([
    db.paymentWebhookInbox.count({ where }),
    db.paymentWebhookInbox.findMany({
      where,
      orderBy: [{ receivedAt: 'desc' }, { id: 'desc' }],
      skip: (page - 1) * pageSize,
      take: pageSize,
      select: {
        id: true,
        provider: true,
        eventId: true,
        type: true,
        providerPaymentId: true,
        status: true,
        attempts: true,
        outcome: true,
        error: true,
        receivedAt: true,
        processedAt: true,
      },
    }),
  ]);
  return {
    total,
    page,
    pageSize,
    pages: Math.max(1, Math.ceil(total / pageSize)),
    items: rows.map((r) => ({
      ...r,
      receivedAt: r.receivedAt.toISOString(),
      processedAt: r.processedAt?.toISOString() ?? null,
      processingMs: r.processedAt ? r.processedAt.getTime() - r.receivedAt.getTime() : null,
    })),
  };
}

/**
 * Applies one stored event again, now. Idempotent: a payment already at or past the event's
 * status is left alone (outcome "no change"). Audited.
 */
export async function replayWebhookEvent(db: Db, inboxId: string, actor: string): Promise<ApplyResult> {
  const result = await applyWebhookEvent(db, inboxId);
  await publishPaymentStatus({ id: result.paymentId, orderId: result.orderId, status: result.status });
  await recordAudit(db, {
    actor,
    action: 'payments.webhook.replay',
    entity: 'payment_webhook',
    entityId: inboxId,
    after: { outcome: result.outcome, status: result.status },
  });
  return result;
}
