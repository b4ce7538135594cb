// Publishes one outbound event to every active endpoint subscribed to its type: the event is
// stored once by its id (publishing the same id again is a no-op: dedupe), one delivery per
// endpoint is queued, and the deliver-webhook function sends it, signed and retried. Joins
// the caller's transaction, so an event exists only if the change that caused it committed.
import { randomBytes } from 'node:crypto';
import { webhookDeliveryQueued } from '@/inngest/events';
import { send } from '@/inngest/send';
import type { Db } from '@/server/db/client';
import { hotQuery, hotSql } from '@/server/db/hot-sql';
import type { Prisma } from '@/server/db/generated/client';
import { newId } from '@/server/lib/ids';
import { currentTraceCarrier } from '@/server/observability/tracing';
import { logger } from '@/server/observability/logger';
import { subscribes } from './webhooks.schema';

export type OutboundEvent = { id: string; type: string; data: Record<string, unknown> };
export type PublishResult = { eventId: string; duplicate: boolean; deliveries: string[] };

/** The caller's W3C trace context, or a fresh one so the receiver can still correlate retries. */
function traceparent(): string {
  return currentTraceCarrier()?.traceparent ?? `00-${randomBytes(16).toString('hex')}-${randomBytes(8).toString('hex')}-01`;
}

export async function publishWebhookEvent(db: Db, event: OutboundEvent, opts: { endpointIds?: string[] } = {}): Promise<PublishResult> {
  // Read on every order status change (checkout's hot path): one statement straight to the pool.
  const endpoints = (
    await hotQuery<{ id: string; eventTypes: string[] }>(
      db,
      opts.endpointIds
        ? hotSql`SELECT id, event_types AS "eventTypes" FROM webhook_endpoints WHERE active AND id = ANY(${opts.endpointIds}::text[])`
        : hotSql`SELECT id, event_types AS "eventTypes" FROM webhook_endpoints WHERE active`,
    )
  ).filter((e) => opts.endpointIds || subscribes(e.eventTypes, event.type));
  if (endpoints.length === 0) return { eventId: event.id, duplicate: false, deliveries: [] };
  const stored = await db.webhookOutEvent.createMany({
    data: [{ id: event.id, type: event.type, payload: event.data as Prisma.InputJsonValue }],
    skipDuplicates: true,
  });
  if (stored.count === 0) return { eventId: event.id, duplicate: true, deliveries: [] };
  const tp = traceparent();
  const deliveries = endpoints.map((e) => ({ id: newId('whd'), endpointId: e.id, eventId: event.id, eventType: event.type, traceparent: tp }));
  await db.webhookDelivery.createMany({ data: deliveries, skipDuplicates: true });
  try {
    await send(deliveries.map((d) => webhookDeliveryQueued.create({ deliveryId: d.id }, { id: `whd-${d.id}` })));
  } catch (err) {
    logger.warn({ err, eventId: event.id }, 'webhook deliveries stored but not announced');
  }
  return { eventId: event.id, duplicate: false, deliveries: deliveries.map((d) => d.id) };
}

/**
 * An order moved to a new status (called by checkout's transitionOrder). No personal data.
 * The id is per entry into the status: the first is `evt_order_<id>_<status>` (what a full
 * refund's own event reuses, so merchants hear it once), the n-th `…_<status>_<n>`, so an order
 * held again, or cancelled again after an appeal reinstated it, is announced again.
 */
export function publishOrderStatusChanged(
  db: Db,
  t: { orderId: string; from: string; to: string; reason?: string; at: Date; entry?: number },
): Promise<PublishResult> {
  return publishWebhookEvent(db, {
    id: `evt_order_${t.orderId}_${t.to}${t.entry && t.entry > 1 ? `_${t.entry}` : ''}`,
    type: `order.${t.to}`,
    data: { orderId: t.orderId, status: t.to, previousStatus: t.from, reason: t.reason ?? '', at: t.at.toISOString() },
  });
}

/** A model alert was created (called by the models module's guardrail checks). */
export function publishAlertCreated(db: Db, alert: { id: string; kind: string; type: string; message: string; versionId: string | null; createdAt: Date }): Promise<PublishResult> {
  return publishWebhookEvent(db, {
    id: `evt_alert_${alert.id}`,
    type: 'alert.created',
    data: { alertId: alert.id, kind: alert.kind, type: alert.type, message: alert.message, versionId: alert.versionId, at: alert.createdAt.toISOString() },
  });
}

/** A test event for one endpoint (the console's "Send test event"). */
export function sendTestEvent(db: Db, endpointId: string): Promise<PublishResult> {
  const id = newId('evt_test');
  return publishWebhookEvent(db, { id, type: 'webhook.test', data: { message: 'A test event from Luma Home', at: new Date().toISOString() } }, { endpointIds: [endpointId] });
}
