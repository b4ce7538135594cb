// Order placement on a real database: oversell under concurrency, idempotency, the state
// machine, payment updates in any order, and reservation expiry.
import { beforeAll, describe, expect, it } from 'vitest';
import { setEventStoreDb } from '@/inngest/runner/event-store';
import { useTestDatabase } from '@/server/db/testing';
import type { DomainError } from '@/server/errors';
import { addItem } from '@/server/modules/cart/modify-cart';
import { availableStock } from '@/server/modules/inventory/available-stock';
import { applyPaymentUpdate, type PaymentUpdate } from './apply-payment-update';
import { address, DECLINED_CARD, ensureStoreDefaults, freshCard, freshIp, makeVariant } from './checkout.fixtures';
import { expireReservations } from './expire-orders';
import { getOrder, getOrderForShopper, listOrders } from './get-order';
import { ABANDONED_CLAIM_MS, claimKey } from './idempotency';
import { placeOrder, placeOrderInput, placeOrderRequestHash, type PlaceOrderInput } from './place-order';
import { transitionOrder } from './transition-order';

const getDb = useTestDatabase();
const published: string[] = [];
const deps = { publish: async (orderId: string) => void published.push(orderId) };

beforeAll(async () => {
  setEventStoreDb(getDb().prisma);
  await ensureStoreDefaults(getDb().prisma);
});

const count = async (table: string, where = 'true') =>
  (await getDb().query<{ n: number }>(`SELECT count(*)::int AS n FROM ${table} WHERE ${where}`)).rows[0]!.n;

function body(over: Partial<PlaceOrderInput> & { variantId: string }): PlaceOrderInput {
  const { variantId, ...rest } = over;
  return {
    sessionKey: null,
    lines: [{ variantId, quantity: 1 }],
    email: 'ada@example.com',
    shippingAddress: address,
    paymentMethod: freshCard(),
    idempotencyKey: `key-${Math.random().toString(36).slice(2)}`,
    ipAddress: freshIp(),
    requestId: 'req-test',
    ...rest,
  };
}

const failure = (p: Promise<unknown>) =>
  p.then(
    () => null,
    (e: unknown) => e as DomainError,
  );

describe('placeOrder', () => {
  it('200 concurrent checkouts for 10 units: exactly 10 orders, 190 clear out-of-stock refusals, stock consistent', async () => {
    const db = getDb().prisma;
    const v = await makeVariant(db, { stock: 10, priceCents: 2_500, sku: 'LAMP-10' });
    const before = { orders: await count('orders'), customers: await count('customers') };
    const results = await Promise.allSettled(
      Array.from({ length: 200 }, (_, i) =>
        placeOrder(db, body({ variantId: v.variantId, email: `buyer${i}@example.com`, idempotencyKey: `oversell-${i}` }), deps),
      ),
    );
    const ok = results.filter((r) => r.status === 'fulfilled');
    const refused = results.filter((r): r is PromiseRejectedResult => r.status === 'rejected');
    if (ok.length !== 10) console.log([...new Set(refused.map((r) => String(r.reason)))].slice(0, 5));
    expect(ok).toHaveLength(10);
    expect(ok.every((r) => r.value.outcome === 'placed' && r.value.order.status === 'authorized')).toBe(true);
    expect(refused).toHaveLength(190);
    expect(new Set(refused.map((r) => `${(r.reason as DomainError).code} ${(r.reason as Error).message}`))).toEqual(
      new Set(['CONFLICT LAMP-10 is out of stock']),
    );
    // Refused orders wrote nothing: no order, customer, reservation or idempotency key.
    expect(await count('orders') - before.orders).toBe(10);
    expect(await count('customers') - before.customers).toBe(10);
    expect(await count('inventory_reservations', `variant_id = '${v.variantId}' AND status = 'active'`)).toBe(10);
    expect(await count('idempotency_keys', `key LIKE 'oversell-%'`)).toBe(10);
    expect((await availableStock(db, [v.variantId])).get(v.variantId)).toBe(0);
    expect((await db.productVariant.findUniqueOrThrow({ where: { id: v.variantId } })).stockOnHand).toBe(10);
    expect((await db.inventoryLevel.findUniqueOrThrow({ where: { variantId: v.variantId } })).reserved).toBe(10);
  }, 120_000);

  it('prices, taxes and records the order with an event trail; sends orders/order.placed', async () => {
    const db = getDb().prisma;
    const v = await makeVariant(db, { stock: 5, priceCents: 13_000 });
    const r = await placeOrder(db, body({ variantId: v.variantId, lines: [{ sku: v.sku, quantity: 2 }] }), deps);
    expect(r.outcome).toBe('placed');
    // 26,000 + 8% tax 2,080, free shipping at ≥ $250 → 28,080.
    expect(r.order).toMatchObject({ subtotalCents: 26_000, taxCents: 2_080, shippingCents: 0, totalCents: 28_080, status: 'authorized' });
    expect(r.order.payment).toMatchObject({ status: 'authorized', last4: expect.stringMatching(/^\d{4}$/) });
    expect(r.order.events.map((e) => [e.from, e.to])).toEqual([
      [null, 'pending_payment'],
      ['pending_payment', 'authorized'],
    ]);
    expect(r.risk).toMatchObject({ action: 'accept' });
    expect(published).toContain(r.order.id);
    const list = await listOrders(db, { limit: 5 });
    expect(list.items[0]).toMatchObject({ id: r.order.id, itemCount: 2, totalCents: 28_080 });
  });

  it('places the session cart, then empties it; the shopper sees it by session or by email only', async () => {
    const db = getDb().prisma;
    const v = await makeVariant(db, { stock: 5, priceCents: 3_000 });
    const sessionKey = 'v_01JTESTCARTSESSION00000000';
    await addItem(db, sessionKey, { variantId: v.variantId, quantity: 2 });
    const r = await placeOrder(db, { ...body({ variantId: v.variantId }), lines: undefined, sessionKey }, deps);
    expect(r.order.lines.map((l) => [l.sku, l.quantity])).toEqual([[v.sku, 2]]);
    expect(await db.cart.count({ where: { sessionKey } })).toBe(0);
    expect((await getOrderForShopper(db, r.order.id, { sessionKey })).id).toBe(r.order.id);
    expect((await getOrderForShopper(db, r.order.id, { sessionKey: null, email: 'ADA@example.com' })).id).toBe(r.order.id);
    const stranger = await failure(getOrderForShopper(db, r.order.id, { sessionKey: 'v_01JOTHER000000000000000000' }));
    expect(stranger?.code).toBe('NOT_FOUND');
    const empty = await failure(placeOrder(db, { ...body({ variantId: v.variantId }), lines: undefined, sessionKey }, deps));
    expect(empty?.message).toBe('Your cart is empty');
  });

  it('double submit with one key places one order; the same key with another body is a 409', async () => {
    const db = getDb().prisma;
    const v = await makeVariant(db, { stock: 5 });
    const first = body({ variantId: v.variantId, idempotencyKey: 'double-submit-1' });
    const settled = await Promise.allSettled([placeOrder(db, first, deps), placeOrder(db, first, deps)]);
    const fulfilled = settled.filter((s) => s.status === 'fulfilled').map((s) => s.value);
    // The loser either replays the finished result or is told the first is still running.
    for (const s of settled) if (s.status === 'rejected') expect((s.reason as Error).message).toMatch(/still being processed/);
    const again = await placeOrder(db, first, deps);
    expect(again.replayed).toBe(true);
    expect(new Set([...fulfilled, again].map((r) => r.order.id)).size).toBe(1);
    expect(await count('orders', `id IN (SELECT order_id FROM order_lines WHERE variant_id = '${v.variantId}')`)).toBe(1);
    const other = await failure(placeOrder(db, { ...first, email: 'someone-else@example.com' }, deps));
    expect(other?.code).toBe('CONFLICT');
    expect(other?.message).toBe('Idempotency-Key double-submit-1 was already used with a different request body');
    expect((await availableStock(db, [v.variantId])).get(v.variantId)).toBe(4);
  });

  it('a key left in progress by a request that died is taken over by a retry after 5 minutes, by exactly one of racing retries', async () => {
    const db = getDb().prisma;
    const v = await makeVariant(db, { stock: 5 });
    const req = body({ variantId: v.variantId, idempotencyKey: 'abandoned-claim-1' });
    // The first request claimed the key and died before finishing.
    expect(await claimKey(db, 'orders.place', 'abandoned-claim-1', placeOrderRequestHash(placeOrderInput.parse(req)))).toEqual({ kind: 'claimed' });
    const young = await failure(placeOrder(db, req, deps));
    expect(young?.message).toMatch(/still being processed/);
    await db.idempotencyKey.update({
      where: { scope_key: { scope: 'orders.place', key: 'abandoned-claim-1' } },
      data: { createdAt: new Date(Date.now() - ABANDONED_CLAIM_MS - 1_000) },
    });
    const settled = await Promise.allSettled([placeOrder(db, req, deps), placeOrder(db, req, deps), placeOrder(db, req, deps)]);
    const placed = settled.filter((s) => s.status === 'fulfilled').map((s) => s.value);
    expect(placed.filter((r) => !r.replayed)).toHaveLength(1);
    for (const s of settled) if (s.status === 'rejected') expect((s.reason as Error).message).toMatch(/still being processed/);
    expect(await count('orders', `id IN (SELECT order_id FROM order_lines WHERE variant_id = '${v.variantId}')`)).toBe(1);
    const again = await placeOrder(db, req, deps);
    expect(again).toMatchObject({ replayed: true, order: { id: placed[0]!.order.id } });
    // Another body is still refused, abandoned or not.
    const other = await failure(placeOrder(db, { ...req, email: 'someone-else@example.com' }, deps));
    expect(other?.message).toMatch(/already used with a different request body/);
  });

  it('a declined card cancels the order, releases its stock and says so; the result replays', async () => {
    const db = getDb().prisma;
    const v = await makeVariant(db, { stock: 1 });
    const req = body({ variantId: v.variantId, paymentMethod: '4000 0000 0000 0002', idempotencyKey: 'declined-1' });
    const r = await placeOrder(db, req, deps);
    expect(r.outcome).toBe('payment_declined');
    expect(r.message).toBe('Your card was declined.');
    expect(r.order.status).toBe('cancelled');
    expect((await availableStock(db, [v.variantId])).get(v.variantId)).toBe(1);
    expect(published).not.toContain(r.order.id);
    expect((await placeOrder(db, req, deps)).order.id).toBe(r.order.id);
    expect(DECLINED_CARD).toBe('4000000000000002');
  });

  it('rejects illegal transitions with a ConflictError and records legal ones', async () => {
    const db = getDb().prisma;
    const v = await makeVariant(db, { stock: 3 });
    const { order } = await placeOrder(db, body({ variantId: v.variantId }), deps);
    const illegal = await failure(transitionOrder(db, order.id, 'fulfilled'));
    expect(illegal?.code).toBe('CONFLICT');
    expect(illegal?.message).toBe(`Order ${order.id} cannot go from authorized to fulfilled`);
    await transitionOrder(db, order.id, 'on_hold', { reason: 'address check', actor: 'staff_1' });
    await transitionOrder(db, order.id, 'authorized', { reason: 'address ok', actor: 'staff_1' });
    await transitionOrder(db, order.id, 'paid');
    await transitionOrder(db, order.id, 'fulfilled');
    expect((await failure(transitionOrder(db, order.id, 'cancelled')))?.message).toBe(`Order ${order.id} cannot go from fulfilled to cancelled`);
    const view = await getOrder(db, order.id);
    expect(view.events.map((e) => e.to)).toEqual(['pending_payment', 'authorized', 'on_hold', 'authorized', 'paid', 'fulfilled']);
    expect(view.events[2]).toMatchObject({ reason: 'address check', actor: 'staff_1' });
    expect(view.fulfilledAt).not.toBeNull();
  });

  it('payment updates delivered 5× and shuffled end in the same state, with stock committed once', async () => {
    const db = getDb().prisma;
    const scenarios: { statuses: PaymentUpdate['status'][]; final: string; stockLeft: number }[] = [
      { statuses: ['authorized', 'captured'], final: 'paid', stockLeft: 8 },
      { statuses: ['authorized', 'captured', 'refunded'], final: 'refunded', stockLeft: 8 },
      { statuses: ['authorized', 'voided'], final: 'cancelled', stockLeft: 10 },
    ];
    for (const s of scenarios) {
      for (let trial = 0; trial < 3; trial++) {
        const v = await makeVariant(db, { stock: 10 });
        const { order } = await placeOrder(db, body({ variantId: v.variantId, lines: [{ variantId: v.variantId, quantity: 2 }] }), deps);
        const deliveries = s.statuses.flatMap((status) => Array.from({ length: 5 }, () => ({ paymentId: order.payment.id!, orderId: order.id, status })));
        deliveries.sort(() => Math.random() - 0.5);
        // Half arrive concurrently, half one by one.
        await Promise.all(deliveries.slice(0, deliveries.length / 2).map((d) => applyPaymentUpdate(db, d)));
        for (const d of deliveries.slice(deliveries.length / 2)) await applyPaymentUpdate(db, d);
        const after = await getOrder(db, order.id);
        expect(after.status, `${s.statuses.join(',')} trial ${trial}`).toBe(s.final);
        const variant = await db.productVariant.findUniqueOrThrow({ where: { id: v.variantId } });
        const available = (await availableStock(db, [v.variantId])).get(v.variantId);
        expect([variant.stockOnHand, available]).toEqual(s.final === 'cancelled' ? [10, 10] : [8, 8]);
        expect(available).toBe(s.stockLeft);
        // Each transition happened once.
        const tos = after.events.map((e) => e.to);
        expect(new Set(tos).size).toBe(tos.length);
      }
    }
  }, 120_000);

  it('expiry cancels orders still pending payment and releases their stock; authorised orders keep theirs', async () => {
    const db = getDb().prisma;
    const v = await makeVariant(db, { stock: 4 });
    const { order: kept } = await placeOrder(db, body({ variantId: v.variantId }), deps);
    // A pending order whose payment never completed (e.g. the process died mid-checkout).
    const { order: stuck } = await placeOrder(db, body({ variantId: v.variantId }), deps);
    await db.order.update({ where: { id: stuck.id }, data: { status: 'pending_payment' } });
    await db.inventoryReservation.updateMany({ where: { orderId: stuck.id }, data: { expiresAt: new Date(Date.now() - 60_000) } });
    expect((await availableStock(db, [v.variantId])).get(v.variantId)).toBe(2);
    const result = await expireReservations(db);
    expect(result.expired).toBe(1);
    expect((await getOrder(db, stuck.id)).status).toBe('cancelled');
    expect((await getOrder(db, kept.id)).status).toBe('authorized');
    expect((await availableStock(db, [v.variantId])).get(v.variantId)).toBe(3);
    expect((await expireReservations(db)).expired).toBe(0);
  });
});
