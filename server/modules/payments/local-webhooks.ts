// The local provider's outgoing webhooks: an outbox row per delivery, posted over real HTTP
// with a Stripe-style signature, retried with exponential backoff on non-2xx by the
// deliver-local-payment-webhook function (inngest/functions). In chaos mode (test mode)
// every event is queued 1–3 times with random delays: duplicates and out-of-order delivery.
import { createHash } from 'node:crypto';
import { localPaymentWebhookQueued } from '@/inngest/events';
import { send } from '@/inngest/send';
import type { Db } from '@/server/db/client';
import { hotExecute, hotSql } from '@/server/db/hot-sql';
import { newId } from '@/server/lib/ids';
import { localDeliveryConfig, localWebhookSecret, localWebhookUrl } from './payments-config';
import { signPayload } from './webhook-signature';

export type LocalEvent = {
  id: string;
  object: 'event';
  type: string;
  created: number;
  livemode: false;
  data: { object: Record<string, unknown> };
};

/**
 * `idSeed` (the operation's idempotency key) fixes the event id, as Stripe does: a repeated
 * request produces the same event, which the app's inbox then deduplicates.
 */
export function buildLocalEvent(type: string, object: Record<string, unknown>, idSeed?: string): LocalEvent {
  const id = idSeed
    ? `evt_${createHash('sha256').update(`${type}:${idSeed}`).digest('hex').slice(0, 24)}`
    : newId('evt');
  return { id, object: 'event', type, created: Math.floor(Date.now() / 1000), livemode: false, data: { object } };
}

export type QueueOptions = { copies?: number; random?: () => number };

/** Stores the delivery (or, in chaos mode, several) and asks the runner to deliver it. */
export async function queueLocalWebhook(db: Db, event: LocalEvent, opts: QueueOptions = {}): Promise<string[]> {
  const config = localDeliveryConfig();
  const random = opts.random ?? Math.random;
  const copies = opts.copies ?? (config.chaos ? 1 + Math.floor(random() * 3) : 1);
  const payload = JSON.stringify(event);
  const targetUrl = localWebhookUrl();
  const rows = Array.from({ length: copies }, () => ({ id: newId('lwh'), eventId: event.id, payload, targetUrl }));
  // On the pg pool (every authorisation queues one: ADR 037); through Prisma inside a transaction.
  await hotExecute(db, hotSql`
    INSERT INTO payment_local_webhooks (id, event_id, payload, target_url, status, attempts, created_at)
    SELECT id, ${event.id}::text, ${payload}::text, ${targetUrl}::text, 'pending', 0, now() FROM unnest(${rows.map((r) => r.id)}::text[]) AS id`);
  await send(
    rows.map((r) =>
      localPaymentWebhookQueued.create(
        { deliveryId: r.id, delayMs: config.chaos ? Math.floor(random() * config.chaosSpreadMs) : 0 },
        { id: `local-webhook-${r.id}` },
      ),
    ),
  );
  return rows.map((r) => r.id);
}

export type AttemptResult = {
  deliveryId: string;
  delivered: boolean;
  attempts: number;
  statusCode: number | null;
  error: string | null;
};

/** One signed POST. Signed at send time, so a retry hours later still carries a fresh timestamp. */
export async function attemptLocalWebhook(
  db: Db,
  deliveryId: string,
  opts: { timeoutMs?: number } = {},
): Promise<AttemptResult> {
  const row = await db.paymentLocalWebhook.findUnique({ where: { id: deliveryId } });
  if (!row) return { deliveryId, delivered: false, attempts: 0, statusCode: null, error: 'delivery not found' };
  if (row.status === 'delivered')
    return { deliveryId, delivered: true, attempts: row.attempts, statusCode: row.lastStatusCode, error: null };
  let statusCode: number | null = null;
  let error: string | null = null;
  try {
    const res = await fetch(row.targetUrl, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        'stripe-signature': signPayload(row.payload, localWebhookSecret()),
        'user-agent': 'LumaLocalPayments/1.0',
      },
      body: row.payload,
      signal: AbortSignal.timeout(opts.timeoutMs ?? 10_000),
    });
    statusCode = res.status;
    if (!res.ok) error = `HTTP ${res.status}: ${(await res.text().catch(() => '')).slice(0, 300)}`;
    else await res.body?.cancel();
  } catch (err) {
    error = err instanceof Error ? `${err.name}: ${err.message}` : String(err);
  }
  const delivered = statusCode !== null && statusCode >= 200 && statusCode < 300;
  const updated = await db.paymentLocalWebhook.update({
    where: { id: deliveryId },
    data: {
      attempts: { increment: 1 },
      lastStatusCode: statusCode,
      lastError: error,
      ...(delivered ? { status: 'delivered', deliveredAt: new Date() } : {}),
    },
    select: { attempts: true },
  });
  return { deliveryId, delivered, attempts: updated.attempts, statusCode, error };
}

export async function markLocalWebhookFailed(db: Db, deliveryId: string): Promise<void> {
  await db.paymentLocalWebhook.updateMany({ where: { id: deliveryId, status: 'pending' }, data: { status: 'failed' } });
}
