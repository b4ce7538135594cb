// Back-orders ship on restock, on a real database: FIFO allocation with exact counts, a repeated
// event allocates once, racing restocks never allocate more than was restocked, and the
// restock consumer (Inngest function on the embedded runner) records the order event and
// queues the shopper's mail.
import { beforeAll, describe, expect, it } from 'vitest';
import { inngest } from '@/inngest/client';
import { inventoryRestocked } from '@/inngest/events';
import { allocateRestockedBackorders } from '@/inngest/functions/allocate-backorders';
import { setEventStoreDb } from '@/inngest/runner/event-store';
import { createRunner, type Runner } from '@/inngest/runner/driver';
import { send } from '@/inngest/send';
import { useTestDatabase } from '@/server/db/testing';
import { address, ensureStoreDefaults, freshCard, freshIp, makeVariant } from '@/server/modules/checkout/checkout.fixtures';
import { getOrder } from '@/server/modules/checkout/get-order';
import { placeOrder } from '@/server/modules/checkout/place-order';
import { allocateBackorders } from './allocate-backorders';
import { openBackorderedUnits, setAllowBackorder } from './backorders';

const getDb = useTestDatabase();
const deps = { publish: async () => undefined };
let runner: Runner;

beforeAll(async () => {
  (globalThis as unknown as { prisma: unknown }).prisma = getDb().prisma;
  setEventStoreDb(getDb().prisma);
  await ensureStoreDefaults(getDb().prisma);
  runner = createRunner({ db: getDb().prisma, client: inngest, functions: [allocateRestockedBackorders], pollMs: 20, log: () => undefined });
});

const q = async <T>(sql: string, params: unknown[] = []) => (await getDb().query(sql, params)).rows as T[];

/** A back-orderable variant with no stock and one order per quantity, placed one after another (oldest first). */
async function backordered(quantities: number[]) {
  const db = getDb().prisma;
  const v = await makeVariant(db, { stock: 0, priceCents: 1_500 });
  await setAllowBackorder(db, { productId: v.productId, allowBackorder: true });
  const orders: string[] = [];
  for (const [i, quantity] of quantities.entries()) {
    const r = await placeOrder(
      db,
      {
        sessionKey: null,
        lines: [{ variantId: v.variantId, quantity }],
        email: `restock${i}-${v.variantId.slice(-6)}@example.com`,
        shippingAddress: address,
        paymentMethod: freshCard(),
        idempotencyKey: `restock-${v.variantId}-${i}`,
        ipAddress: freshIp(),
        requestId: 'req-restock',
      },
      deps,
    );
    expect(r.order.lines[0]!.backorderedQuantity).toBe(quantity);
    orders.push(r.order.id);
  }
  return { ...v, orders };
}

const restock = (variantId: string, units: number) =>
  getDb().query('UPDATE product_variants SET stock_on_hand = stock_on_hand + $2 WHERE id = $1', [variantId, units]);

async function allocatedByOrder(variantId: string): Promise<Record<string, number>> {
  const rows = await q<{ order_id: string; n: number }>(
    'SELECT order_id, sum(quantity)::int AS n FROM backorder_allocations WHERE variant_id = $1 GROUP BY order_id',
    [variantId],
  );
  return Object.fromEntries(rows.map((r) => [r.order_id, r.n]));
}

describe('allocateBackorders', () => {
  it('hands restocked units to the oldest orders first, exact counts across three orders and two partial restocks', async () => {
    const db = getDb().prisma;
    const v = await backordered([2, 3, 1]);
    const [a, b, c] = v.orders as [string, string, string];
    expect(await openBackorderedUnits(db, v.variantId)).toBe(6);

    await restock(v.variantId, 4);
    const first = await allocateBackorders(db, { variantId: v.variantId, eventId: 'restock-1' });
    expect(first.duplicate).toBe(false);
    expect(first.allocatedUnits).toBe(4);
    expect(first.orders.map((o) => [o.orderId, o.allocatedUnits, o.openUnits])).toEqual([
      [a, 2, 0],
      [b, 2, 1],
    ]);
    expect(await allocatedByOrder(v.variantId)).toEqual({ [a]: 2, [b]: 2 });
    expect(await openBackorderedUnits(db, v.variantId)).toBe(2);

    // Nothing new on the shelf: a different event finds nothing to allocate.
    expect((await allocateBackorders(db, { variantId: v.variantId, eventId: 'restock-1b' })).allocatedUnits).toBe(0);

    await restock(v.variantId, 5);
    const second = await allocateBackorders(db, { variantId: v.variantId, eventId: 'restock-2' });
    expect(second.orders.map((o) => [o.orderId, o.allocatedUnits, o.openUnits])).toEqual([
      [b, 1, 0],
      [c, 1, 0],
    ]);
    expect(await allocatedByOrder(v.variantId)).toEqual({ [a]: 2, [b]: 3, [c]: 1 });
    expect(await openBackorderedUnits(db, v.variantId)).toBe(0);

    // The order views show "Back-ordered: N (M allocated)"; the timeline says what arrived.
    const orderB = await getOrder(db, b);
    expect(orderB.lines[0]).toMatchObject({ backorderedQuantity: 3, backorderAllocatedQuantity: 3 });
    const reasons = orderB.events.filter((e) => e.actor === 'inventory').map((e) => e.reason);
    expect(reasons).toEqual([
      `back-order allocated: ${v.sku} × 2; 1 unit still back-ordered`,
      `back-order allocated: ${v.sku} × 1; nothing left on back-order, ready to fulfil`,
    ]);
    // The status did not move (no transition invented): the event is from = to.
    const last = orderB.events.at(-1)!;
    expect(last.from).toBe(last.to);
    expect(last.to).toBe(orderB.status);
  }, 60_000);

  it('a repeated event allocates once and reports what the first delivery did', async () => {
    const db = getDb().prisma;
    const v = await backordered([2, 2]);
    await restock(v.variantId, 3);
    const once = await allocateBackorders(db, { variantId: v.variantId, eventId: 'dup-1' });
    await restock(v.variantId, 1);
    const again = await allocateBackorders(db, { variantId: v.variantId, eventId: 'dup-1' });
    expect(again.duplicate).toBe(true);
    expect(again.allocatedUnits).toBe(once.allocatedUnits);
    expect(again.orders).toEqual(once.orders);
    expect(Object.values(await allocatedByOrder(v.variantId)).reduce((n, x) => n + x, 0)).toBe(3);
    // Concurrent deliveries of one event: one allocates, the others see a duplicate.
    const same = await Promise.all(Array.from({ length: 4 }, () => allocateBackorders(db, { variantId: v.variantId, eventId: 'dup-2' })));
    expect(same.filter((r) => !r.duplicate)).toHaveLength(1);
    expect(Object.values(await allocatedByOrder(v.variantId)).reduce((n, x) => n + x, 0)).toBe(4);
  }, 60_000);

  it('racing restocks never allocate more than was restocked', async () => {
    const db = getDb().prisma;
    const v = await backordered([2, 2, 2, 2, 2]);
    await restock(v.variantId, 3);
    await Promise.all(Array.from({ length: 6 }, (_, i) => allocateBackorders(db, { variantId: v.variantId, eventId: `race-a-${i}` })));
    const total = async () => Object.values(await allocatedByOrder(v.variantId)).reduce((n, x) => n + x, 0);
    expect(await total()).toBe(3);
    // Two restocks of 2 units each, each announcing itself, interleaved with each other.
    await Promise.all(
      [0, 1].map(async (i) => {
        await restock(v.variantId, 2);
        return allocateBackorders(db, { variantId: v.variantId, eventId: `race-b-${i}` });
      }),
    );
    expect(await total()).toBe(7);
    // Never more per line than it had on back-order, and oldest first.
    const perOrder = await allocatedByOrder(v.variantId);
    expect(v.orders.map((o) => perOrder[o] ?? 0)).toEqual([2, 2, 2, 1, 0]);
  }, 60_000);

  it('a cancelled order gives its place in the queue to the next one', async () => {
    const db = getDb().prisma;
    const v = await backordered([1, 1]);
    await q(`UPDATE orders SET status = 'cancelled' WHERE id = $1`, [v.orders[0]]);
    await q(`UPDATE inventory_levels SET reserved = reserved - 1 WHERE variant_id = $1`, [v.variantId]);
    await restock(v.variantId, 1);
    const r = await allocateBackorders(db, { variantId: v.variantId, eventId: 'cancel-1' });
    expect(r.orders.map((o) => [o.orderId, o.allocatedUnits])).toEqual([[v.orders[1], 1]]);
  }, 60_000);
});

describe('allocate-backorders function (inventory/variant.restocked)', () => {
  it('allocates, records the order event and queues the shopper mail; the same event sent twice runs once', async () => {
    const v = await backordered([2, 1]);
    await restock(v.variantId, 2);
    const event = inventoryRestocked.create(
      { variantId: v.variantId, productId: v.productId, stockOnHand: 2, addedUnits: 2, backorderedUnits: 3 },
      { id: `restocked-${v.variantId}-e2e` },
    );
    await send(event);
    await send(event);
    const t0 = Date.now();
    let runs: { status: string; output: { allocatedUnits: number; notified: number } }[] = [];
    for (;;) {
      runs = await q(`SELECT status::text AS status, output FROM job_runs WHERE function_id = 'commerce-allocate-backorders'`);
      if (runs.length && runs.every((r) => ['completed', 'failed'].includes(r.status))) break;
      if (Date.now() - t0 > 30_000) throw new Error('allocate-backorders did not finish');
      if ((await runner.tick()) === 0) await new Promise((r) => setTimeout(r, 20));
    }
    expect(runs).toHaveLength(1);
    expect(runs[0]).toMatchObject({ status: 'completed', output: { allocatedUnits: 2, notified: 1 } });
    expect(await allocatedByOrder(v.variantId)).toEqual({ [v.orders[0]!]: 2 });
    const mails = await q<{ subject: string; text_body: string }>(`SELECT subject, text_body FROM mail_outbox WHERE subject LIKE $1`, [
      `%(${v.orders[0]})`,
    ]);
    expect(mails).toHaveLength(1);
    expect(mails[0]!.subject).toBe(`Your back-ordered item ships (${v.orders[0]})`);
    expect(mails[0]!.text_body).toContain(`2 × ${v.sku} came back in stock`);
    expect(await q(`SELECT 1 FROM mail_outbox WHERE subject LIKE $1`, [`%(${v.orders[1]})`])).toHaveLength(0);
  }, 60_000);
});
