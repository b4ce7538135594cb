// Outbound webhooks on a real database with the embedded runner, against a local HTTP
// receiver: signatures verify with the standardwebhooks library's own verifier, 500s are
// retried with backoff and logged, a duplicate event id is delivered once.
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Webhook } from 'standardwebhooks';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { inngest } from '@/inngest/client';
import { functions } from '@/inngest/index';
import { createRunner, type Runner } from '@/inngest/runner/driver';
import { tickUntil } from '@/inngest/runner/wait-for-run';
import { useTestDatabase } from '@/server/db/testing';
import { newId } from '@/server/lib/ids';
import { address, freshCard, makeVariant } from '@/server/modules/checkout/checkout.fixtures';
import { placeOrder } from '@/server/modules/checkout/place-order';
import { signatures } from './deliver-webhook';
import { createEndpoint, rotateEndpointSecret, setEndpointActive } from './manage-endpoints';
import { publishAlertCreated, publishWebhookEvent, sendTestEvent } from './publish-event';
import { listDeliveries } from './read-deliveries';

const getDb = useTestDatabase();
const db = () => getDb().prisma;
let runner: Runner;

type Hit = { path: string; headers: IncomingHttpHeaders; body: string };
const hits: Hit[] = [];
/** Per path: how many upcoming requests answer 500. */
const failures = new Map<string, number>();
let server: Server;
let base: string;

beforeAll(async () => {
  (globalThis as unknown as { prisma: unknown }).prisma = db();
  runner = createRunner({ db: db(), client: inngest, functions, pollMs: 20, backoffBaseMs: 40, log: () => undefined });
  server = createServer((req, res) => {
    let body = '';
    req.on('data', (c: Buffer) => (body += c.toString('utf8')));
    req.on('end', () => {
      const path = req.url ?? '/';
      const left = failures.get(path) ?? 0;
      if (left > 0) {
        failures.set(path, left - 1);
        res.writeHead(500).end('try again');
        return;
      }
      hits.push({ path, headers: req.headers, body });
      res.writeHead(204).end();
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((r) => server.close(() => r())));
beforeEach(async () => {
  hits.length = 0;
  failures.clear();
  await db().webhookEndpoint.updateMany({ data: { active: false } });
});

const delivered = (eventId: string, n = 1) =>
  tickUntil(runner, async () => {
    const rows = await db().webhookDelivery.findMany({ where: { eventId, status: { in: ['delivered', 'failed'] } } });
    return rows.length >= n ? rows : undefined;
  });
const headersOf = (h: IncomingHttpHeaders) => ({
  'webhook-id': String(h['webhook-id']),
  'webhook-timestamp': String(h['webhook-timestamp']),
  'webhook-signature': String(h['webhook-signature']),
});

describe('outbound webhooks', () => {
  it('signs order status events so the Standard Webhooks verifier accepts them, with a traceparent; unsubscribed endpoints get nothing', async () => {
    const orders = await createEndpoint(db(), { url: `${base}/orders`, eventTypes: ['order.*'] }, 'owner@luma.example');
    await createEndpoint(db(), { url: `${base}/alerts`, eventTypes: ['alert.created'] }, 'owner@luma.example');
    expect(orders.secret).toMatch(/^whsec_[A-Za-z0-9+/=]{40,}$/);
    const v = await makeVariant(db(), { stock: 5 });
    const placed = await placeOrder(
      db(),
      { sessionKey: null, lines: [{ variantId: v.variantId, quantity: 1 }], email: 'hook@example.com', shippingAddress: address, paymentMethod: freshCard(), idempotencyKey: `wh-${newId('k')}`, ipAddress: null, requestId: null },
      { publish: async () => undefined },
    );
    const status = placed.order.status;
    const eventId = `evt_order_${placed.order.id}_${status}`;
    await delivered(eventId);
    const hit = hits.find((h) => h.headers['webhook-id'] === eventId)!;
    expect(hit.path).toBe('/orders');
    // The receiver's check, with the library's verifier and the secret shown at creation.
    const payload = new Webhook(orders.secret).verify(hit.body, headersOf(hit.headers)) as { type: string; data: Record<string, unknown> };
    expect(payload).toMatchObject({ type: `order.${status}`, data: { orderId: placed.order.id, status, previousStatus: 'pending_payment' } });
    expect(JSON.stringify(payload)).not.toContain('hook@example.com');
    expect(hit.headers.traceparent).toMatch(/^00-[0-9a-f]{32}-[0-9a-f]{16}-0[01]$/);
    // A tampered body fails verification.
    expect(() => new Webhook(orders.secret).verify(hit.body.replace(status, 'paid'), headersOf(hit.headers))).toThrow();
    expect(hits.filter((h) => h.path === '/alerts')).toHaveLength(0);
  });

  it('retries after 500s with backoff and logs every attempt with its status code', async () => {
    const ep = await createEndpoint(db(), { url: `${base}/flaky`, eventTypes: ['alert.created'] }, 'owner@luma.example');
    failures.set('/flaky', 2);
    const r = await publishAlertCreated(db(), { id: 'malr_TEST1', kind: 'risk_score', type: 'score_drift', message: 'PSI 0.4 > 0.2', versionId: null, createdAt: new Date() });
    expect(r.deliveries).toHaveLength(1);
    const [d] = await delivered(r.eventId);
    expect(d).toMatchObject({ status: 'delivered', attempts: 3, lastStatusCode: 204, lastError: null });
    const [log] = await listDeliveries(db(), { endpointId: ep.endpoint.id });
    expect(log!.attemptLog.map((a) => a.statusCode)).toEqual([500, 500, 204]);
    expect(hits.filter((h) => h.path === '/flaky')).toHaveLength(1);
    // Each retry is signed afresh and still verifies; the id stays the event id.
    expect(hits[0]!.headers['webhook-id']).toBe('evt_alert_malr_TEST1');
    expect(() => new Webhook(ep.secret).verify(hits[0]!.body, headersOf(hits[0]!.headers))).not.toThrow();
  });

  it('delivers an event published twice with the same id once', async () => {
    await createEndpoint(db(), { url: `${base}/dupe`, eventTypes: ['order.paid'] }, 'owner@luma.example');
    const event = { id: 'evt_order_ord_DUPE_paid', type: 'order.paid', data: { orderId: 'ord_DUPE', status: 'paid' } };
    const first = await publishWebhookEvent(db(), event);
    const second = await publishWebhookEvent(db(), event);
    expect(first).toMatchObject({ duplicate: false });
    expect(second).toMatchObject({ duplicate: true, deliveries: [] });
    await delivered(event.id);
    // Let any stray second delivery run before counting.
    for (let i = 0; i < 10; i++) await runner.tick();
    expect(hits.filter((h) => h.path === '/dupe')).toHaveLength(1);
    expect(await db().webhookDelivery.count({ where: { eventId: event.id } })).toBe(1);
  });

  it('sends a test event to one endpoint only, and nothing to a disabled one', async () => {
    const a = await createEndpoint(db(), { url: `${base}/a`, eventTypes: ['order.*'] }, 'owner@luma.example');
    const b = await createEndpoint(db(), { url: `${base}/b`, eventTypes: ['order.*'] }, 'owner@luma.example');
    const t = await sendTestEvent(db(), a.endpoint.id);
    await delivered(t.eventId);
    expect(hits.map((h) => h.path)).toEqual(['/a']);
    expect(JSON.parse(hits[0]!.body)).toMatchObject({ type: 'webhook.test' });
    await setEndpointActive(db(), b.endpoint.id, false);
    const none = await publishWebhookEvent(db(), { id: 'evt_x', type: 'order.paid', data: {} }, { endpointIds: [b.endpoint.id] });
    expect(none.deliveries).toEqual([]);
  });

  it('refuses an endpoint that is not an http(s) URL or subscribes to nothing, writing nothing', async () => {
    const before = await db().webhookEndpoint.count();
    await expect(createEndpoint(db(), { url: 'ftp://example.com/hook', eventTypes: ['order.*'] }, 'x')).rejects.toThrow(/url must be an http\(s\) URL/);
    await expect(createEndpoint(db(), { url: `${base}/x`, eventTypes: [] }, 'x')).rejects.toThrow(/at least one event type/);
    expect(await db().webhookEndpoint.count()).toBe(before);
  });

  it('keeps signing secrets encrypted at rest; a rotation signs with both secrets for the grace period, then only the new one', async () => {
    const created = await createEndpoint(db(), { url: `${base}/rotating`, eventTypes: ['order.*'] }, 'owner@luma.example');
    const raw = async () =>
      (await getDb().query<{ secret: string; previous_secret: string | null }>(`SELECT secret, previous_secret FROM webhook_endpoints WHERE id = $1`, [created.endpoint.id])).rows[0]!;
    const stored = await raw();
    expect(stored.secret).toMatch(/^enc:v1:/);
    expect(stored.secret).not.toContain(created.secret.slice(6, 20));
    // The endpoint list never carries a secret, in any form.
    expect(JSON.stringify(await db().webhookEndpoint.findMany({ select: { id: true } }))).not.toContain('whsec_');

    const t0 = new Date();
    const rotated = await rotateEndpointSecret(db(), created.endpoint.id, 'owner@luma.example', t0);
    const audit = await getDb().query<{ action: string; after: unknown }>(`SELECT action, after FROM audit_events WHERE entity_id = $1`, [created.endpoint.id]);
    expect(audit.rows.map((r) => r.action)).toEqual(['webhooks.secret.rotate']);
    expect(JSON.stringify(audit.rows)).not.toMatch(/whsec_|enc:v1:/);
    await expect(rotateEndpointSecret(db(), 'whe_missing', 'owner@luma.example')).rejects.toThrow(/not found/i);
    expect(rotated.secret).toMatch(/^whsec_/);
    expect(rotated.secret).not.toBe(created.secret);
    expect(rotated.endpoint.previousSecretExpiresAt!.getTime() - t0.getTime()).toBe(24 * 3_600_000);
    const after = await raw();
    expect(after.previous_secret).toBe(stored.secret);
    expect(after.secret).toMatch(/^enc:v1:/);

    // A real delivery during the grace period verifies with the old secret and the new one.
    const t = await sendTestEvent(db(), created.endpoint.id);
    await delivered(t.eventId);
    const hit = hits.find((h) => h.path === '/rotating')!;
    expect(String(hit.headers['webhook-signature']).split(' ')).toHaveLength(2);
    expect(new Webhook(created.secret).verify(hit.body, headersOf(hit.headers))).toMatchObject({ type: 'webhook.test' });
    expect(new Webhook(rotated.secret).verify(hit.body, headersOf(hit.headers))).toMatchObject({ type: 'webhook.test' });
    expect(() => new Webhook(`whsec_${Buffer.alloc(32, 7).toString('base64')}`).verify(hit.body, headersOf(hit.headers))).toThrow();

    // After the grace period only the new secret signs.
    const row = await db().webhookEndpoint.findUniqueOrThrow({ where: { id: created.endpoint.id } });
    const later = new Date(t0.getTime() + 24 * 3_600_000 + 1_000);
    const sig = signatures(row, 'evt_later', later, '{}');
    expect(sig.split(' ')).toHaveLength(1);
    const headers = { 'webhook-id': 'evt_later', 'webhook-timestamp': String(Math.floor(later.getTime() / 1000)), 'webhook-signature': sig };
    const verifyAt = (secret: string) => {
      const wh = new Webhook(secret);
      // The library checks the timestamp against its clock: verify as of `later`.
      const realNow = Date.now;
      Date.now = () => later.getTime();
      try {
        return wh.verify('{}', headers);
      } finally {
        Date.now = realNow;
      }
    };
    expect(verifyAt(rotated.secret)).toEqual({});
    expect(() => verifyAt(created.secret)).toThrow();
  });
});
