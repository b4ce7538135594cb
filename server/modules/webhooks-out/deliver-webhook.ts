// One HTTP attempt of a delivery, signed with the Standard Webhooks scheme (webhook-id is the
// event id, so the receiver dedupes retries; webhook-timestamp; webhook-signature = v1,
// HMAC-SHA256 over "id.timestamp.body") and carrying the W3C traceparent. Every attempt is
// logged with its status code; a non-2xx answer or a network error throws so the runner
// retries with backoff. A delivered delivery is never sent again.
import { Webhook } from 'standardwebhooks';
import type { Db } from '@/server/db/client';
import { NotFoundError } from '@/server/errors';
import { decryptField } from '@/server/lib/field-crypto';
import { newId } from '@/server/lib/ids';

const TIMEOUT_MS = () => Number(process.env.WEBHOOK_TIMEOUT_MS ?? 10_000);

export type AttemptResult = { deliveryId: string; status: 'delivered'; statusCode: number; attempts: number; skipped?: boolean };

export class WebhookAttemptError extends Error {
  constructor(
    message: string,
    readonly statusCode: number | null,
  ) {
    super(message);
  }
}

export async function attemptDelivery(db: Db, deliveryId: string, now = new Date()): Promise<AttemptResult> {
  const d = await db.webhookDelivery.findUnique({ where: { id: deliveryId } });
  if (!d) throw new NotFoundError('webhook delivery', deliveryId);
  if (d.status === 'delivered') return { deliveryId, status: 'delivered', statusCode: d.lastStatusCode ?? 200, attempts: d.attempts, skipped: true };
  const [endpoint, event] = await Promise.all([
    db.webhookEndpoint.findUniqueOrThrow({ where: { id: d.endpointId } }),
    db.webhookOutEvent.findUniqueOrThrow({ where: { id: d.eventId } }),
  ]);
  const body = JSON.stringify({ type: event.type, timestamp: event.createdAt.toISOString(), data: event.payload });
  const signature = signatures(endpoint, event.id, now, body);
  const attempt = d.attempts + 1;
  const t0 = performance.now();
  let statusCode: number | null = null;
  let error: string | null = null;
  try {
    const res = await fetch(endpoint.url, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        'user-agent': 'LumaHome-Webhooks/1',
        'webhook-id': event.id,
        'webhook-timestamp': String(Math.floor(now.getTime() / 1000)),
        'webhook-signature': signature,
        ...(d.traceparent ? { traceparent: d.traceparent } : {}),
      },
      body,
      redirect: 'manual',
      signal: AbortSignal.timeout(TIMEOUT_MS()),
    });
    statusCode = res.status;
    await res.body?.cancel().catch(() => undefined);
    if (res.status < 200 || res.status >= 300) error = `HTTP ${res.status}`;
  } catch (err) {
    error = (err as Error).message.slice(0, 300);
  }
  const durationMs = Math.round(performance.now() - t0);
  const ok = error === null;
  await db.$transaction([
    db.webhookDeliveryAttempt.create({ data: { id: newId('wha'), deliveryId, attempt, statusCode, error, durationMs } }),
    db.webhookDelivery.update({
      where: { id: deliveryId },
      data: { attempts: attempt, lastStatusCode: statusCode, lastError: error, ...(ok ? { status: 'delivered', deliveredAt: new Date() } : {}) },
    }),
  ]);
  if (!ok) throw new WebhookAttemptError(`delivery ${deliveryId} to ${new URL(endpoint.url).host} failed: ${error}`, statusCode);
  return { deliveryId, status: 'delivered', statusCode: statusCode!, attempts: attempt };
}

/** After the last retry. */
export async function markDeliveryFailed(db: Db, deliveryId: string): Promise<void> {
  await db.webhookDelivery.updateMany({ where: { id: deliveryId, status: 'pending' }, data: { status: 'failed' } });
}

/**
 * The webhook-signature header: v1 under the current secret (decrypted only here), and under
 * the previous one while its rotation grace lasts ("v1,<a> v1,<b>", Standard Webhooks).
 */
export function signatures(
  endpoint: { secret: string; previousSecret: string | null; previousSecretExpiresAt: Date | null },
  eventId: string,
  now: Date,
  body: string,
): string {
  const sign = (stored: string) => new Webhook(decryptField(stored)).sign(eventId, now, body);
  const previous = endpoint.previousSecret && endpoint.previousSecretExpiresAt && endpoint.previousSecretExpiresAt > now ? sign(endpoint.previousSecret) : null;
  return previous ? `${sign(endpoint.secret)} ${previous}` : sign(endpoint.secret);
}
