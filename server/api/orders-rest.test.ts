// POST/GET /api/v1/orders through the real handlers on a real database: status codes,
// errors naming the field, request ids, and nothing written for bad input.
import { beforeAll, describe, expect, it } from 'vitest';
import { setEventStoreDb } from '@/inngest/runner/event-store';
import { useTestDatabase } from '@/server/db/testing';
import { createApiKey } from '@/server/modules/auth/api-keys';
import { address, ensureStoreDefaults, makeVariant } from '@/server/modules/checkout/checkout.fixtures';
import { getOrderHandler, postOrderHandler } from './orders-rest';

const getDb = useTestDatabase();
beforeAll(async () => {
  setEventStoreDb(getDb().prisma);
  await ensureStoreDefaults(getDb().prisma);
});

const SESSION = 'v_01JRESTSESSION00000000000A';

function post(body: unknown, headers: Record<string, string> = {}) {
  return postOrderHandler({ db: getDb().prisma })(
    new Request('http://test/api/v1/orders', {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-request-id': 'req-rest-1', cookie: `luma_sid=${SESSION}`, ...headers },
      body: typeof body === 'string' ? body : JSON.stringify(body),
    }),
  );
}

const writes = async () => {
  const r = await getDb().query<{ n: number }>(
    `SELECT (SELECT count(*) FROM orders) + (SELECT count(*) FROM order_lines) + (SELECT count(*) FROM customers)
      + (SELECT count(*) FROM inventory_reservations) + (SELECT count(*) FROM idempotency_keys) + (SELECT count(*) FROM order_events) AS n`,
  );
  return Number(r.rows[0]!.n);
};

describe('POST /api/v1/orders', () => {
  it('a system with an API key holding order.read sees the risk score and reasons; a bad or weaker key places nothing', async () => {
    const owner = { id: 'stf_owner', email: 'owner@luma.example', permissions: ['order.read', 'order.refund'] as ('order.read' | 'order.refund')[] };
    const reader = (await createApiKey(getDb().prisma, owner, { name: 'pos', permissions: ['order.read'] })).secret;
    const refunder = (await createApiKey(getDb().prisma, owner, { name: 'erp', permissions: ['order.refund'] })).secret;
    const v = await makeVariant(getDb().prisma, { stock: 3, priceCents: 5_000 });
    const body = { lines: [{ sku: v.sku, quantity: 1 }], email: 'pos@example.com', shippingAddress: address, paymentMethod: '4242 4242 4242 4242' };
    const res = await post(body, { 'idempotency-key': 'rest-order-key-0001', authorization: `Bearer ${reader}` });
    expect(res.status).toBe(201);
    const json = await res.json();
    expect(json.risk).toMatchObject({ score: expect.any(Number), reasons: expect.any(Array), policyVersion: expect.any(String), modelVersion: expect.any(String) });
    expect(json.risk.reasons.length).toBeGreaterThan(0);
    expect(json.order.risk.score).toBe(json.risk.score);
    const before = await writes();
    const weaker = await post(body, { 'idempotency-key': 'rest-order-key-0002', authorization: `Bearer ${refunder}` });
    expect(weaker.status).toBe(403);
    const unknown = await post(body, { 'idempotency-key': 'rest-order-key-0003', authorization: 'Bearer lk_live_not_a_real_key_0000000000000000' });
    expect(unknown.status).toBe(401);
    expect(await writes()).toBe(before);
  });

  it('places an order: 201 with the order, the request id and the risk telemetry; a replay returns the same order', async () => {
    const v = await makeVariant(getDb().prisma, { stock: 3, priceCents: 5_000 });
    const body = { lines: [{ sku: v.sku, quantity: 1 }], email: 'Grace@Example.com', shippingAddress: address, paymentMethod: '4242 4242 4242 4242' };
    const res = await post(body, { 'idempotency-key': 'rest-order-0001' });
    expect(res.status).toBe(201);
    expect(res.headers.get('x-request-id')).toBe('req-rest-1');
    const json = await res.json();
    // Placed or held for review: the store's risk policy decides, both are a 201.
    expect(['placed', 'in_review']).toContain(json.outcome);
    expect(json).toMatchObject({ requestId: 'req-rest-1', order: { email: 'grace@example.com', totalCents: 5_000 + 400 + 1_500 } });
    expect(['authorized', 'in_review']).toContain(json.order.status);
    // A shopper sees the decision's model version, id and latency, not what a fraudster could tune against.
    expect(json.risk).toMatchObject({ modelVersion: expect.any(String), decisionId: expect.any(String), score: null, reasons: [], policyVersion: null });
    expect(typeof json.risk.latencyMs).toBe('number');
    expect(json.order.risk).toMatchObject({ score: null, reasons: [] });
    const again = await post(body, { 'idempotency-key': 'rest-order-0001' });
    expect(again.status).toBe(201);
    expect(again.headers.get('idempotent-replayed')).toBe('true');
    expect((await again.json()).order.id).toBe(json.order.id);
    const conflict = await post({ ...body, email: 'other@example.com' }, { 'idempotency-key': 'rest-order-0001' });
    expect(conflict.status).toBe(409);
    expect((await conflict.json()).error.message).toMatch(/different request body/);

    // The status endpoint: the same session, or anyone with the email; strangers get 404.
    const get = (cookie: string, q = '') =>
      getOrderHandler({ db: getDb().prisma })(new Request(`http://test/api/v1/orders/${json.order.id}${q}`, { headers: { cookie } }), json.order.id);
    expect((await (await get(`luma_sid=${SESSION}`)).json()).order.status).toBe(json.order.status);
    expect((await get('', '?email=grace@example.com')).status).toBe(200);
    expect((await get('luma_sid=v_01JSTRANGER0000000000000000')).status).toBe(404);
    const bad = await getOrderHandler({ db: getDb().prisma })(new Request('http://test/api/v1/orders/x'), 'x');
    expect(bad.status).toBe(400);
  });

  it('a declined card is a 402 naming the decline, with the cancelled order', async () => {
    const v = await makeVariant(getDb().prisma, { stock: 3 });
    const res = await post(
      { lines: [{ variantId: v.variantId, quantity: 1 }], email: 'x@example.com', shippingAddress: address, paymentMethod: '4000000000000002' },
      { 'idempotency-key': 'rest-declined-1' },
    );
    expect(res.status).toBe(402);
    const json = await res.json();
    expect(json.error).toMatchObject({ code: 'PAYMENT_DECLINED', message: 'Your card was declined.' });
    expect(json.order.status).toBe('cancelled');
  });

  it('out of stock is a 409 naming the SKU', async () => {
    const v = await makeVariant(getDb().prisma, { stock: 1, sku: 'RUG-1' });
    const res = await post(
      { lines: [{ sku: v.sku, quantity: 2 }], email: 'x@example.com', shippingAddress: address, paymentMethod: '4242424242424242' },
      { 'idempotency-key': 'rest-short-1' },
    );
    expect(res.status).toBe(409);
    expect((await res.json()).error.message).toBe('RUG-1 is out of stock: 2 requested, only 1 available');
  });

  it('rejects bad input with a 4xx naming the field and writes nothing', async () => {
    const v = await makeVariant(getDb().prisma, { stock: 5, sku: 'CHAIR-OK' });
    const good = { lines: [{ sku: 'CHAIR-OK', quantity: 1 }], email: 'x@example.com', shippingAddress: address, paymentMethod: '4242424242424242' };
    const before = await writes();
    const cases: [string, unknown, Record<string, string>, number, string][] = [
      ['no key', good, {}, 400, 'Idempotency-Key'],
      ['short key', good, { 'idempotency-key': 'abc' }, 400, 'Idempotency-Key'],
      ['key with spaces', good, { 'idempotency-key': 'has spaces here' }, 400, 'Idempotency-Key'],
      ['not json', '{oops', { 'idempotency-key': 'bad-body-0001' }, 400, '(body)'],
      ['negative quantity', { ...good, lines: [{ sku: 'CHAIR-OK', quantity: -1 }] }, { 'idempotency-key': 'bad-body-0002' }, 400, 'lines.0.quantity'],
      ['huge quantity', { ...good, lines: [{ sku: 'CHAIR-OK', quantity: 1e9 }] }, { 'idempotency-key': 'bad-body-0003' }, 400, 'lines.0.quantity'],
      ['fractional quantity', { ...good, lines: [{ sku: 'CHAIR-OK', quantity: 1.5 }] }, { 'idempotency-key': 'bad-body-0004' }, 400, 'lines.0.quantity'],
      ['no lines', { ...good, lines: [] }, { 'idempotency-key': 'bad-body-0005' }, 400, 'lines'],
      ['unknown SKU', { ...good, lines: [{ sku: 'NOPE-404', quantity: 1 }] }, { 'idempotency-key': 'bad-body-0006' }, 422, 'lines.0'],
      ['bad email', { ...good, email: 'not-an-email' }, { 'idempotency-key': 'bad-body-0007' }, 400, 'email'],
      ['bad country', { ...good, shippingAddress: { ...address, country: 'XX' } }, { 'idempotency-key': 'bad-body-0008' }, 400, 'shippingAddress.country'],
      ['bad US zip', { ...good, shippingAddress: { ...address, postalCode: '9410' } }, { 'idempotency-key': 'bad-body-0009' }, 400, 'shippingAddress.postalCode'],
      ['no street', { ...good, shippingAddress: { ...address, line1: '' } }, { 'idempotency-key': 'bad-body-0010' }, 400, 'shippingAddress.line1'],
      ['bad card', { ...good, paymentMethod: 'card-1234' }, { 'idempotency-key': 'bad-body-0011' }, 400, 'paymentMethod'],
      ['both id and sku', { ...good, lines: [{ sku: 'CHAIR-OK', variantId: v.variantId, quantity: 1 }] }, { 'idempotency-key': 'bad-body-0012' }, 400, 'lines.0.variantId'],
    ];
    for (const [name, body, headers, status, path] of cases) {
      const res = await post(body, headers);
      expect(res.status, name).toBe(status);
      const json = await res.json();
      expect(json.error.requestId, name).toBe('req-rest-1');
      expect(json.error.issues.map((i: { path: string }) => i.path), name).toContain(path);
    }
    expect(await writes()).toBe(before);
  });
});
