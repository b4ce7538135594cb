// POST /api/v1/orders/:id/refunds through the real route: API key with order.refund,
// Idempotency-Key, 201 then a replay, and refusals that name the field and write nothing.
import { beforeAll, describe, expect, it } from 'vitest';
import { setEventStoreDb } from '@/inngest/runner/event-store';
import { useTestDatabase } from '@/server/db/testing';
import { createApiKey } from '@/server/modules/auth/api-keys';
import { makePaidOrder } from '@/server/modules/orders/orders.fixtures';
import { POST } from './route';

const getDb = useTestDatabase();
const keys: Record<string, string> = {};

beforeAll(async () => {
  process.env.RATE_LIMITS = 'off';
  (globalThis as unknown as { prisma: unknown }).prisma = getDb().prisma;
  setEventStoreDb(getDb().prisma);
  const owner = { id: 'stf_owner', email: 'owner@luma.example', permissions: ['order.read', 'order.refund'] as const };
  keys.refund = (await createApiKey(getDb().prisma, { ...owner, permissions: [...owner.permissions] }, { name: 'erp refunds', permissions: ['order.refund'] })).secret;
  keys.read = (await createApiKey(getDb().prisma, { ...owner, permissions: [...owner.permissions] }, { name: 'erp read', permissions: ['order.read'] })).secret;
});

const post = (orderId: string, body: unknown, headers: Record<string, string> = {}, key: string | null = keys.refund!) =>
  POST(
    new Request(`http://shop.test/api/v1/orders/${orderId}/refunds`, {
      method: 'POST',
      body: typeof body === 'string' ? body : JSON.stringify(body),
      headers: { 'content-type': 'application/json', ...(key ? { authorization: `Bearer ${key}` } : {}), ...headers },
    }),
    { params: Promise.resolve({ id: orderId }) },
  );

describe('POST /api/v1/orders/:id/refunds', () => {
  it('refunds with an API key; the same Idempotency-Key replays; over the remainder is a 422 naming amountCents', async () => {
    const o = await makePaidOrder(getDb().prisma, { lines: [{ priceCents: 4_000, quantity: 1, stock: 2 }] });
    const first = await post(o.orderId, { amountCents: 1_500, reason: 'late delivery' }, { 'idempotency-key': 'erp-refund-0001' });
    expect(first.status).toBe(201);
    const body = await first.json();
    expect(body).toMatchObject({ refund: { amountCents: 1_500, status: 'succeeded' }, refundedCents: 1_500, remainingCents: 2_500, requestId: expect.any(String) });
    // The key, by its public prefix (never the secret).
    expect(body.refund.actor).toBe(`api-key:${keys.refund!.slice(0, 16)}`);

    const again = await post(o.orderId, { amountCents: 1_500, reason: 'late delivery' }, { 'idempotency-key': 'erp-refund-0001' });
    expect(again.status).toBe(200);
    expect(again.headers.get('idempotent-replayed')).toBe('true');
    expect((await again.json()).refund.id).toBe(body.refund.id);

    const over = await post(o.orderId, { amountCents: 2_501 }, { 'idempotency-key': 'erp-refund-0002' });
    expect(over.status).toBe(422);
    expect((await over.json()).error.issues).toEqual([{ path: 'amountCents', message: 'amountCents: $25.01 is more than the $25.00 left to refund' }]);
    expect(await getDb().prisma.orderRefund.count({ where: { orderId: o.orderId } })).toBe(1);
  });

  it('refuses bad input with a 4xx naming the field, and keys without order.refund', async () => {
    const o = await makePaidOrder(getDb().prisma, { lines: [{ priceCents: 4_000, quantity: 1, stock: 2 }] });
    expect((await post(o.orderId, { amountCents: 100 }, { 'idempotency-key': 'erp-refund-0003' }, null)).status).toBe(401);
    expect((await post(o.orderId, { amountCents: 100 }, { 'idempotency-key': 'erp-refund-0004' }, keys.read!)).status).toBe(403);
    const noKey = await post(o.orderId, { amountCents: 100 });
    expect(noKey.status).toBe(422);
    expect((await noKey.json()).error.issues[0].path).toBe('Idempotency-Key');
    const negative = await post(o.orderId, { amountCents: -5 }, { 'idempotency-key': 'erp-refund-0005' });
    expect(negative.status).toBe(400);
    expect((await negative.json()).error.issues[0].path).toBe('amountCents');
    const badLine = await post(o.orderId, { lines: [{ variantId: 'var_nope', quantity: 1 }] }, { 'idempotency-key': 'erp-refund-0006' });
    expect(badLine.status).toBe(422);
    expect((await badLine.json()).error.issues[0].path).toBe('lines.0.variantId');
    expect((await post(o.orderId, '{not json', { 'idempotency-key': 'erp-refund-0007' })).status).toBe(422);
    expect((await post('ord_bad', { amountCents: 1 }, { 'idempotency-key': 'erp-refund-0008' })).status).toBe(422);
    expect(await getDb().prisma.orderRefund.count({ where: { orderId: o.orderId } })).toBe(0);
  });
});
