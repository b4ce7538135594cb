// The webhook door through the exported route handler with real Requests, on a real
// database, with the process-payment-webhook function driven by the embedded runner.
import { beforeAll, describe, expect, it } from 'vitest';
import { inngest } from '@/inngest/client';
import { processPaymentWebhook } from '@/inngest/functions/process-payment-webhook';
import { createRunner, type Runner } from '@/inngest/runner/driver';
import { createContext } from '@/server/api/init';
import { createCaller } from '@/server/api/root';
import { useTestDatabase } from '@/server/db/testing';
import { staffAs } from '@/server/modules/auth/testing';
import { localWebhookSecret } from '@/server/modules/payments/payments-config';
import { events, insertPayment, shuffle, signedHeaders } from '@/server/modules/payments/testing/webhook-fixtures';

delete process.env.STRIPE_SECRET_KEY;
const getDb = useTestDatabase();
let POST: (req: Request, ctx: { params: Promise<{ provider: string }> }) => Promise<Response>;
let runner: Runner;
const SECRET = localWebhookSecret();

beforeAll(async () => {
  (globalThis as unknown as { prisma: unknown }).prisma = getDb().prisma;
  runner = createRunner({
    db: getDb().prisma,
    client: inngest,
    functions: [processPaymentWebhook],
    pollMs: 10,
    log: () => undefined,
  });
  ({ POST } = await import('./route'));
});

const post = (provider: string, body: string, headers: Record<string, string> = {}) =>
  POST(new Request(`http://test/api/webhooks/payments/${provider}`, { method: 'POST', body, headers }), {
    params: Promise.resolve({ provider }),
  });
const deliver = (event: unknown, secret = SECRET, timestamp?: number) => {
  const body = JSON.stringify(event);
  return post('local', body, signedHeaders(body, secret, timestamp));
};
const count = async (sql: string, params: unknown[] = []) =>
  (await getDb().query<{ n: number }>(sql, params)).rows[0]!.n;
const inboxCount = () => count(`SELECT count(*)::int AS n FROM payment_webhook_inbox`);
const payment = async (id: string) =>
  (
    await getDb().query<{
      status: string;
      authorized_at: Date | null;
      captured_at: Date | null;
      amount_refunded_cents: number;
    }>(`SELECT status::text AS status, authorized_at, captured_at, amount_refunded_cents FROM payments WHERE id = $1`, [
      id,
    ])
  ).rows[0]!;
async function drain() {
  for (let idle = 0; idle < 3;) idle = (await runner.tick()) === 0 ? idle + 1 : 0;
}
const caller = (role: 'owner' | 'support' | 'viewer' = 'support') =>
  createCaller(createContext({ headers: new Headers(), db: getDb().prisma, staff: staffAs(role) }));

describe('POST /api/webhooks/payments/:provider', () => {
  it('refuses forged, stale, tampered and unsigned webhooks with 400 and records nothing', async () => {
    const p = await insertPayment(getDb().prisma);
    const body = JSON.stringify(events.authorized(p));
    const cases = [
      ['forged', await deliver(events.authorized(p), 'whsec_not_the_secret')],
      ['stale', await deliver(events.authorized(p), SECRET, Math.floor(Date.now() / 1000) - 301)],
      ['missing', await post('local', body, { 'content-type': 'application/json' })],
      ['tampered', await post('local', body.replace('"amount":12500', '"amount":1'), signedHeaders(body, SECRET))],
      ['garbage header', await post('local', body, { 'stripe-signature': 'nonsense' })],
    ] as const;
    for (const [name, res] of cases) {
      expect(res.status, name).toBe(400);
      const json = (await res.json()) as { error: { code: string; message: string } };
      expect(json.error.code, name).toBe('INVALID_SIGNATURE');
    }
    expect(await inboxCount()).toBe(0);
    expect(await count(`SELECT count(*)::int AS n FROM events WHERE name = 'payments/webhook.received'`)).toBe(0);
    // A signature 4 minutes old is inside the 5-minute tolerance.
    expect((await deliver(events.authorized(p), SECRET, Math.floor(Date.now() / 1000) - 240)).status).toBe(200);
    expect(await inboxCount()).toBe(1);
  });

  it('answers 404 for an unknown or unconfigured provider, 422 naming an unknown event type, 400 naming a bad field', async () => {
    const before = await inboxCount();
    expect((await post('paypal', '{}')).status).toBe(404);
    expect((await post('stripe', '{}')).status).toBe(404); // no STRIPE_* keys in this test
    const unknown = await deliver(events.other('customer.created'));
    expect(unknown.status).toBe(422);
    expect(((await unknown.json()) as { error: { message: string } }).error.message).toMatch(
      /unsupported event type 'customer.created'/,
    );
    const p = await insertPayment(getDb().prisma);
    const bad = events.captured(p) as { data: { object: Record<string, unknown> } };
    delete bad.data.object.amount;
    const res = await deliver(bad);
    expect(res.status).toBe(400);
    expect(((await res.json()) as { error: { message: string } }).error.message).toMatch(/data\.object\.amount/);
    expect(await inboxCount()).toBe(before);
  });

  it('applies each of several events exactly once when each is delivered 5× shuffled, ending in the right states', async () => {
    const db = getDb().prisma;
    const [refunded, voided, declined] = [await insertPayment(db), await insertPayment(db), await insertPayment(db)];
    const unique = [
      events.authorized(refunded),
      events.captured(refunded),
      events.refunded(refunded),
      events.authorized(voided),
      events.voided(voided),
      events.declined(declined),
    ];
    const deliveries = shuffle(
      unique.flatMap((e) => Array.from({ length: 5 }, () => e)),
      7,
    );
    await drain(); // earlier tests' events
    const inboxBefore = await inboxCount();
    const runsBefore = await count(`SELECT count(*)::int AS n FROM job_runs`);
    let duplicates = 0;
    for (const [i, e] of deliveries.entries()) {
      const res = await deliver(e);
      expect(res.status).toBe(200);
      if (((await res.json()) as { duplicate: boolean }).duplicate) duplicates++;
      // Processing interleaves with deliveries, as it does in production.
      if (i % 4 === 3) await runner.tick();
    }
    await drain();
    expect(duplicates).toBe(24);
    expect((await inboxCount()) - inboxBefore).toBe(6);
    expect((await count(`SELECT count(*)::int AS n FROM job_runs`)) - runsBefore).toBe(6);
    expect(await count(`SELECT count(*)::int AS n FROM payment_webhook_inbox WHERE status <> 'processed'`)).toBe(0);
    expect((await payment(refunded.id)).status).toBe('refunded');
    expect((await payment(refunded.id)).amount_refunded_cents).toBe(12_500);
    expect((await payment(voided.id)).status).toBe('voided');
    expect((await payment(declined.id)).status).toBe('declined');
    // One paymentUpdated per status reached, never two.
    const updates = await getDb().query<{ payment: string; status: string; n: number }>(
      `SELECT data->>'paymentId' AS payment, data->>'status' AS status, count(*)::int AS n FROM events
       WHERE name = 'payments/payment.updated' GROUP BY 1, 2`,
    );
    expect(updates.rows.every((r) => r.n === 1)).toBe(true);
    const statuses = (id: string) => updates.rows.filter((r) => r.payment === id).map((r) => r.status);
    expect(statuses(refunded.id)).toContain('refunded');
    expect(statuses(voided.id)).toContain('voided');
    expect(statuses(declined.id)).toEqual(['declined']);
    // Every status change was made by one inbox event (authorized → captured → refunded at
    // most). When two land between runner ticks, the first announcement already carries the
    // later status, so there can be fewer announcements than changes, never more.
    const changes = await count(
      `SELECT count(*)::int AS n FROM payment_webhook_inbox WHERE outcome LIKE '%→%' AND provider_payment_id = $1`,
      [refunded.providerPaymentId],
    );
    expect(changes).toBeGreaterThanOrEqual(statuses(refunded.id).length);
    expect(changes).toBeLessThanOrEqual(3);
  });

  it('ends captured when the capture arrives before the authorisation', async () => {
    const p = await insertPayment(getDb().prisma);
    await deliver(events.captured(p));
    await drain();
    const late = await deliver(events.authorized(p));
    const { inboxId } = (await late.json()) as { inboxId: string };
    await drain();
    const after = await payment(p.id);
    expect(after.status).toBe('captured');
    expect(after.authorized_at).not.toBeNull();
    expect(after.captured_at).not.toBeNull();
    const row = await getDb().prisma.paymentWebhookInbox.findUniqueOrThrow({ where: { id: inboxId } });
    expect(row).toMatchObject({ status: 'processed', outcome: 'no change: payment is captured' });
  });

  it('stores only what applying reads: no receipt email, billing, shipping or card details', async () => {
    const p = await insertPayment(getDb().prisma);
    const event = events.declined(p);
    Object.assign(event.data.object, {
      receipt_email: 'shopper@example.com',
      shipping: { name: 'Ada Lovelace', address: { line1: '12 Market Street', city: 'San Francisco' } },
      charges: { data: [{ billing_details: { email: 'shopper@example.com', name: 'Ada Lovelace' }, payment_method_details: { card: { last4: '4242', fingerprint: 'fp_1' } } }] },
    });
    const res = await deliver(event);
    const { inboxId } = (await res.json()) as { inboxId: string };
    await drain();
    const row = await getDb().prisma.paymentWebhookInbox.findUniqueOrThrow({ where: { id: inboxId } });
    const stored = JSON.stringify(row.payload);
    for (const trace of ['shopper@example.com', 'Ada Lovelace', 'Market Street', 'fp_1', '4242']) expect(stored).not.toContain(trace);
    expect(row.payload).toEqual({
      id: event.id,
      object: 'event',
      type: 'payment_intent.payment_failed',
      created: event.created,
      livemode: false,
      data: { object: { id: p.providerPaymentId, object: 'payment_intent', amount: p.amountCents, currency: 'usd', status: 'requires_payment_method', metadata: { paymentId: p.id, orderId: p.orderId }, last_payment_error: { type: 'card_error', code: 'card_declined', decline_code: 'insufficient_funds', message: 'Insufficient funds.' } } },
    });
    // Applied from the stored (minimised) event, and a replay reads it back the same way.
    expect(row.status).toBe('processed');
    expect((await payment(p.id)).status).toBe('declined');
  });

  it('keeps a webhook for a payment it does not have yet as failed; replay applies it once the payment exists', async () => {
    const ref = { id: 'pay_early_0001', orderId: 'ord_early', providerPaymentId: 'lpi_early_0001', amountCents: 800 };
    const res = await deliver(events.authorized(ref));
    const { inboxId } = (await res.json()) as { inboxId: string };
    await expect(caller().payments.inbox.replay({ inboxId })).rejects.toThrow(
      /no local payment lpi_early_0001 \(yet\)/,
    );
    expect(await getDb().prisma.paymentWebhookInbox.findUniqueOrThrow({ where: { id: inboxId } })).toMatchObject({
      status: 'failed',
      error: 'no local payment lpi_early_0001 (yet)',
    });
    await insertPayment(getDb().prisma, { ref });
    expect(await caller().payments.inbox.replay({ inboxId })).toMatchObject({
      status: 'authorized',
      changed: true,
      outcome: 'pending → authorized',
    });
    expect(await getDb().prisma.paymentWebhookInbox.findUniqueOrThrow({ where: { id: inboxId } })).toMatchObject({
      status: 'processed',
      error: null,
    });
    expect((await payment(ref.id)).status).toBe('authorized');
    await drain(); // the queued run finds it processed and changes nothing
    expect((await payment(ref.id)).status).toBe('authorized');
  });

  it('lists the inbox with filters and paging; replay is idempotent and needs order.refund', async () => {
    const p = await insertPayment(getDb().prisma);
    const res = await deliver(events.authorized(p));
    const { inboxId } = (await res.json()) as { inboxId: string };
    // Not processed yet: the list shows it as received.
    const received = await caller('viewer').payments.inbox.list({ status: 'received' });
    expect(received.items.map((i) => i.id)).toContain(inboxId);
    await drain();

    const all = await caller('viewer').payments.inbox.list({ provider: 'local', pageSize: 2 });
    expect(all.total).toBe(await inboxCount());
    expect(all.items).toHaveLength(2);
    expect(all.pages).toBe(Math.ceil(all.total / 2));
    const page2 = await caller('viewer').payments.inbox.list({ provider: 'local', pageSize: 2, page: 2 });
    expect(page2.items.map((i) => i.id)).not.toContain(all.items[0]!.id);
    expect((await caller('viewer').payments.inbox.list({ provider: 'stripe' })).total).toBe(0);

    const eventsBefore = await count(`SELECT count(*)::int AS n FROM events WHERE name = 'payments/payment.updated'`);
    const first = await caller('support').payments.inbox.replay({ inboxId });
    const second = await caller('support').payments.inbox.replay({ inboxId });
    expect(first).toMatchObject({ status: 'authorized', changed: false, outcome: 'no change: payment is authorized' });
    expect(second).toEqual(first);
    expect((await payment(p.id)).status).toBe('authorized');
    expect(await count(`SELECT count(*)::int AS n FROM events WHERE name = 'payments/payment.updated'`)).toBe(
      eventsBefore,
    );
    const row = await getDb().prisma.paymentWebhookInbox.findUniqueOrThrow({ where: { id: inboxId } });
    expect(row.outcome).toBe('pending → authorized'); // the original effect stays on record
    expect(row.attempts).toBe(3);
    expect(
      await count(
        `SELECT count(*)::int AS n FROM audit_events WHERE action = 'payments.webhook.replay' AND entity_id = $1`,
        [inboxId],
      ),
    ).toBe(2);
    await expect(caller('viewer').payments.inbox.replay({ inboxId })).rejects.toThrow(/order\.refund/);
  });
});
