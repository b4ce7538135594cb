// Back-orders on a real database: a product set to take them sells beyond stock, each order
// line records its units beyond stock, and products without the setting still never oversell.
import { beforeAll, describe, expect, it } from 'vitest';
import { setEventStoreDb } from '@/inngest/runner/event-store';
import { useTestDatabase } from '@/server/db/testing';
import { announceRestock, openBackorderedUnits, setAllowBackorder } from '@/server/modules/inventory/backorders';
import { address, ensureStoreDefaults, freshCard, freshIp, makeVariant } from './checkout.fixtures';
import { getOrder } from './get-order';
import { placeOrder, type PlaceOrderInput } from './place-order';

const getDb = useTestDatabase();
const deps = { publish: async () => undefined };

beforeAll(async () => {
  setEventStoreDb(getDb().prisma);
  await ensureStoreDefaults(getDb().prisma);
});

function body(variantId: string, i: number, quantity = 1): PlaceOrderInput {
  return {
    sessionKey: null,
    lines: [{ variantId, quantity }],
    email: `bo-buyer${i}@example.com`,
    shippingAddress: address,
    paymentMethod: freshCard(),
    idempotencyKey: `bo-${variantId}-${i}`,
    ipAddress: freshIp(),
    requestId: 'req-backorder',
  };
}

const q = async <T>(sql: string, params: unknown[] = []) => (await getDb().query(sql, params)).rows as T[];

async function rush(variantId: string) {
  const db = getDb().prisma;
  return Promise.allSettled(Array.from({ length: 200 }, (_, i) => placeOrder(db, body(variantId, i), deps)));
}

describe('back-orders', () => {
  it('on: 200 concurrent checkouts for 10 units all succeed, exactly 190 units back-ordered', async () => {
    const db = getDb().prisma;
    const v = await makeVariant(db, { stock: 10, priceCents: 2_000 });
    await setAllowBackorder(db, { productId: v.productId, allowBackorder: true });
    const results = await rush(v.variantId);
    const ok = results.flatMap((r) => (r.status === 'fulfilled' ? [r.value] : []));
    expect(results.filter((r) => r.status === 'rejected').map((r) => String((r as PromiseRejectedResult).reason))).toEqual([]);
    const placed = ok.filter((r) => r.outcome === 'placed' || r.outcome === 'in_review');
    expect(placed).toHaveLength(200);
    // What each response said equals what was written, and they add up to the units beyond stock.
    const said = placed.reduce((n, r) => n + r.order.lines[0]!.backorderedQuantity, 0);
    expect(said).toBe(190);
    expect(placed.filter((r) => r.order.lines[0]!.backorderedQuantity === 0)).toHaveLength(10);
    const [row] = await q<{ n: number; orders: number }>(
      'SELECT sum(quantity)::int AS n, count(DISTINCT order_id)::int AS orders FROM order_line_backorders WHERE variant_id = $1',
      [v.variantId],
    );
    expect(row).toEqual({ n: 190, orders: 190 });
    const [level] = await q<{ reserved: number }>('SELECT reserved FROM inventory_levels WHERE variant_id = $1', [v.variantId]);
    expect(level!.reserved).toBe(200);
    // getOrder reads back what the placement returned.
    const sample = placed.find((r) => r.order.lines[0]!.backorderedQuantity === 1)!;
    expect((await getOrder(db, sample.order.id)).lines[0]!.backorderedQuantity).toBe(1);
    expect(await openBackorderedUnits(db, v.variantId)).toBe(190);
  }, 180_000);

  it('off: 200 concurrent checkouts for 10 units place exactly 10, nothing back-ordered, no oversell', async () => {
    const db = getDb().prisma;
    const v = await makeVariant(db, { stock: 10, priceCents: 2_000 });
    // Explicitly off (as after turning it off again), and a product with no setting row behaves the same.
    await setAllowBackorder(db, { productId: v.productId, allowBackorder: false });
    const results = await rush(v.variantId);
    const ok = results.filter((r) => r.status === 'fulfilled');
    const refused = results.filter((r): r is PromiseRejectedResult => r.status === 'rejected');
    expect(ok).toHaveLength(10);
    expect(refused).toHaveLength(190);
    for (const r of refused) expect(String((r.reason as Error).message)).toMatch(/out of stock/i);
    const [sold] = await q<{ n: number }>(
      `SELECT COALESCE(sum(l.quantity), 0)::int AS n FROM order_lines l JOIN orders o ON o.id = l.order_id
       WHERE l.variant_id = $1 AND o.status <> 'cancelled'`,
      [v.variantId],
    );
    expect(sold!.n).toBe(10);
    expect((await q<{ n: number }>('SELECT count(*)::int AS n FROM order_line_backorders WHERE variant_id = $1', [v.variantId]))[0]!.n).toBe(0);
  }, 180_000);

  it('a line larger than the stock left back-orders only the units beyond it; a restock announces the waiting units', async () => {
    const db = getDb().prisma;
    const v = await makeVariant(db, { stock: 3, priceCents: 1_000 });
    await setAllowBackorder(db, { productId: v.productId, allowBackorder: true });
    const first = await placeOrder(db, body(v.variantId, 1, 2), deps);
    expect(first.order.lines[0]!.backorderedQuantity).toBe(0);
    const second = await placeOrder(db, body(v.variantId, 2, 4), deps);
    expect(second.order.lines[0]!.backorderedQuantity).toBe(3);
    expect((await getOrder(db, second.order.id)).lines[0]!.backorderedQuantity).toBe(3);

    expect(await announceRestock(db, { variantId: v.variantId, productId: v.productId, before: 3, after: 3 })).toBe(false);
    expect(await announceRestock(db, { variantId: v.variantId, productId: v.productId, before: 3, after: 10 })).toBe(true);
    const events = await q<{ data: { backorderedUnits: number; addedUnits: number; stockOnHand: number } }>(
      `SELECT data FROM events WHERE name = 'inventory/variant.restocked' AND data->>'variantId' = $1`,
      [v.variantId],
    );
    expect(events).toHaveLength(1);
    expect(events[0]!.data).toMatchObject({ backorderedUnits: 3, addedUnits: 7, stockOnHand: 10 });
  }, 60_000);
});

describe('back-order setting', () => {
  it('a staff change is audited with before and after; setting the same value again records nothing', async () => {
    const db = getDb().prisma;
    const v = await makeVariant(db, { stock: 1 });
    const who = { actor: 'merch@luma.example', requestId: 'req-bo-setting' };
    await setAllowBackorder(db, { productId: v.productId, allowBackorder: true }, who);
    await setAllowBackorder(db, { productId: v.productId, allowBackorder: true }, who);
    await setAllowBackorder(db, { productId: v.productId, allowBackorder: false }, who);
    const rows = await db.auditEvent.findMany({ where: { action: 'catalog.product.backorders', entityId: v.productId }, orderBy: { seq: 'asc' } });
    expect(rows.map((r) => [r.actor, r.before, r.after])).toEqual([
      ['merch@luma.example', { allowBackorder: false }, { allowBackorder: true }],
      ['merch@luma.example', { allowBackorder: true }, { allowBackorder: false }],
    ]);
    await expect(setAllowBackorder(db, { productId: 'prod_missing', allowBackorder: true }, who)).rejects.toThrow(/product/);
  });
});
