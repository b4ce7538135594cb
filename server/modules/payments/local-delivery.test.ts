// The local provider delivering its signed webhooks over a real HTTP socket to a server that
// wraps the webhook route, driven by the embedded runner: retries with exponential backoff
// when the app answers 500, and chaos mode (duplicates, out of order) ending in the right state.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inngest } from '@/inngest/client';
import { deliverLocalPaymentWebhook } from '@/inngest/functions/deliver-local-payment-webhook';
import { processPaymentWebhook } from '@/inngest/functions/process-payment-webhook';
import { createRunner, type Runner } from '@/inngest/runner/driver';
import { useTestDatabase } from '@/server/db/testing';
import { authorizePayment, capturePayment, refundPayment } from './payments-service';
import { startRouteServer, type RouteServer } from './testing/route-server';

delete process.env.STRIPE_SECRET_KEY;
const getDb = useTestDatabase();
let server: RouteServer;
let runner: Runner;
const failuresLeft = new Map<string, number>();
let failEach = 0;

beforeAll(async () => {
  (globalThis as unknown as { prisma: unknown }).prisma = getDb().prisma;
  const { POST } = await import('@/app/api/webhooks/payments/[provider]/route');
  // The first `failEach` deliveries of every event get a 500, as from an app mid-deploy.
  server = await startRouteServer(POST, (eventId) => {
    if (!eventId) return null;
    const left = failuresLeft.get(eventId) ?? failEach;
    failuresLeft.set(eventId, left - 1);
    return left > 0 ? 500 : null;
  });
  process.env.PAYMENTS_WEBHOOK_BASE_URL = server.url;
  process.env.PAYMENTS_LOCAL_WEBHOOK_BACKOFF_MS = '150';
  process.env.PAYMENTS_LOCAL_WEBHOOK_MAX_ATTEMPTS = '5';
  runner = createRunner({
    db: getDb().prisma,
    client: inngest,
    functions: [processPaymentWebhook, deliverLocalPaymentWebhook],
    pollMs: 10,
    log: () => undefined,
  });
  runner.start();
});
afterAll(async () => {
  await runner?.stop();
  await server?.close();
});

async function until<T>(what: string, fn: () => Promise<T | null | undefined | false>, timeoutMs = 25_000): Promise<T> {
  const t0 = Date.now();
  for (;;) {
    const v = await fn();
    if (v) return v;
    if (Date.now() - t0 > timeoutMs) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}
const q = async <R extends object>(sql: string, params: unknown[] = []) =>
  (await getDb().query<R & import('pg').QueryResultRow>(sql, params)).rows;
const allDelivered = () =>
  until(
    'deliveries',
    async () =>
      (await q<{ n: number }>(`SELECT count(*)::int AS n FROM payment_local_webhooks WHERE status <> 'delivered'`))[0]!
        .n === 0,
  );
const allProcessed = () =>
  until(
    'inbox',
    async () =>
      (await q<{ n: number }>(`SELECT count(*)::int AS n FROM payment_webhook_inbox WHERE status <> 'processed'`))[0]!
        .n === 0,
  );

describe('local provider webhooks over HTTP', () => {
  it('retries with exponential backoff while the app answers 500, then is processed once', async () => {
    failEach = 2;
    const db = getDb().prisma;
    const p = await authorizePayment(db, {
      orderId: 'ord_retry',
      amountCents: 4_200,
      currency: 'usd',
      paymentMethod: '4242424242424242',
      email: 'c@example.com',
      idempotencyKey: 'retry-auth-0001',
    });
    await until(
      'authorized delivery',
      async () => (await q<{ status: string }>(`SELECT status FROM payment_local_webhooks`))[0]?.status === 'delivered',
    );
    await capturePayment(db, { paymentId: p.paymentId, idempotencyKey: 'retry-capture-0001' });
    await allDelivered();
    await allProcessed();

    const rows = await q<{ event_id: string; attempts: number; last_status_code: number }>(
      `SELECT event_id, attempts, last_status_code FROM payment_local_webhooks ORDER BY created_at`,
    );
    expect(rows.map((r) => [r.attempts, r.last_status_code])).toEqual([
      [3, 200],
      [3, 200],
    ]);
    for (const { event_id } of rows) {
      const times = server.requests.filter((r) => r.eventId === event_id);
      expect(times.map((t) => t.status)).toEqual([500, 500, 200]);
      // Backoff doubles: ≥150 ms before the 2nd attempt, ≥300 ms before the 3rd.
      expect(times[1]!.at - times[0]!.at).toBeGreaterThanOrEqual(145);
      expect(times[2]!.at - times[1]!.at).toBeGreaterThanOrEqual(295);
    }
    const inbox = await q<{ type: string; outcome: string }>(
      `SELECT type, outcome FROM payment_webhook_inbox ORDER BY received_at`,
    );
    // Our own calls already moved the payment; the webhooks confirm it and change nothing.
    expect(inbox.map((r) => r.type)).toEqual(['payment_intent.amount_capturable_updated', 'payment_intent.succeeded']);
    expect(inbox.every((r) => r.outcome.startsWith('no change: payment is'))).toBe(true);
    expect(
      (await q<{ status: string }>(`SELECT status::text FROM payments WHERE id = $1`, [p.paymentId]))[0]!.status,
    ).toBe('captured');
  });

  it('chaos mode: duplicates and out-of-order deliveries still apply each event once', async () => {
    failEach = 0;
    process.env.PAYMENTS_LOCAL_WEBHOOK_CHAOS = '1';
    process.env.PAYMENTS_LOCAL_WEBHOOK_CHAOS_SPREAD_MS = '400';
    try {
      const db = getDb().prisma;
      const before = server.requests.length;
      const ids: string[] = [];
      for (let i = 0; i < 3; i++) {
        const p = await authorizePayment(db, {
          orderId: `ord_chaos_${i}`,
          amountCents: 3_000,
          currency: 'usd',
          paymentMethod: '4242424242424242',
          email: 'd@example.com',
          idempotencyKey: `chaos-auth-${i}-0001`,
        });
        await capturePayment(db, { paymentId: p.paymentId, idempotencyKey: `chaos-capture-${i}-0001` });
        await refundPayment(db, { paymentId: p.paymentId, idempotencyKey: `chaos-refund-${i}-0001` });
        ids.push(p.paymentId);
      }
      await allDelivered();
      await allProcessed();
      const copies = (
        await q<{ n: number; events: number }>(
          `SELECT count(*)::int AS n, count(DISTINCT event_id)::int AS events FROM payment_local_webhooks WHERE payload::jsonb->'data'->'object'->'metadata'->>'paymentId' = ANY($1)`,
          [ids],
        )
      )[0]!;
      const delivered = server.requests.slice(before);
      expect(delivered.length).toBeGreaterThan(9); // 9 events, each sent 1–3 times
      const inbox = await q<{ n: number }>(
        `SELECT count(*)::int AS n FROM payment_webhook_inbox WHERE payload->'data'->'object'->'metadata'->>'paymentId' = ANY($1)`,
        [ids],
      );
      expect(inbox[0]!.n).toBe(9);
      expect(copies.events).toBe(9);
      expect(copies.n).toBe(delivered.length);
      const statuses = await q<{ status: string }>(`SELECT status::text FROM payments WHERE id = ANY($1)`, [ids]);
      expect(statuses.map((s) => s.status)).toEqual(['refunded', 'refunded', 'refunded']);
      const updates = await q<{ n: number }>(
        `SELECT count(*)::int AS n FROM events WHERE name = 'payments/payment.updated' AND data->>'paymentId' = ANY($1)`,
        [ids],
      );
      expect(updates[0]!.n).toBe(9); // authorized, captured, refunded × 3: once each
    } finally {
      delete process.env.PAYMENTS_LOCAL_WEBHOOK_CHAOS;
    }
  });
});
