// The checkout hot path's cost in statements sent to Postgres (issue #7 latency target): an
// accepted order through placeOrder used 43 before the placement was folded into a few
// statements; it must stay at or under 16 (ADR 037), and the order it returns (built from what was
// written, not read back) must be exactly what getOrder reads.
import { beforeAll, describe, expect, it } from 'vitest';
import { installQueryCounter } from '@/server/db/query-counter';
import { useTestDatabase } from '@/server/db/testing';
import { flushRiskSignalWrites } from '@/server/modules/risk/assess-checkout-risk';
import { flushDecisionLog } from '@/server/decisions/decision-log';
import { address, ensureStoreDefaults, freshCard, freshIp, makeVariant } from './checkout.fixtures';
import { getOrder } from './get-order';
import { placeOrder } from './place-order';
import { ensureLevelsAndReadAvailable, reserveAndInsertOrder, reserveAndInsertOrderDirect } from './place-order-statements';
import { newId } from '@/server/lib/ids';
import { OutOfStockError } from '@/server/modules/inventory/inventory-errors';
import { emailHash } from '@/server/modules/privacy/contact-fields';

const getDb = useTestDatabase();
const db = () => getDb().prisma;
let seq = 0;

beforeAll(async () => {
  (globalThis as unknown as { prisma: unknown }).prisma = db();
  await ensureStoreDefaults(db());
});

async function place(variants: { variantId: string }[], qty = 1) {
  seq++;
  return placeOrder(db(), {
    sessionKey: null,
    lines: variants.map((v) => ({ variantId: v.variantId, quantity: qty })),
    email: `Round.Trip${seq}@Example.com`,
    shippingAddress: address,
    billingAddress: { ...address, line1: '1 Billing Way' },
    paymentMethod: freshCard(),
    idempotencyKey: `rt-${seq}-${Date.now()}`,
    ipAddress: freshIp(),
    requestId: `req-rt-${seq}`,
  });
}

describe('checkout round trips', () => {
  it(
    'places an accepted order in at most 16 statements, and returns exactly what getOrder reads',
    { timeout: 60_000 },
    async () => {
      const a = await makeVariant(db(), { stock: 50, priceCents: 2_500 });
      const b = await makeVariant(db(), { stock: 50, priceCents: 1_000 });
      // Warm caches (published policy, serving model, prepared plans) first.
      await place([a, b]);
      await flushRiskSignalWrites();
      await flushDecisionLog();
      const counter = installQueryCounter();
      const counts: number[] = [];
      for (let i = 0; i < 5; i++) {
        counter.reset();
        const r = await place([a, b], 2);
        await flushRiskSignalWrites();
        await flushDecisionLog();
        counts.push(counter.count());
        if (process.env.DEBUG_RT) console.log(counter.statements().join('\n'));
        expect(r.outcome).toBe('placed');
        expect(r.order).toEqual(await getOrder(db(), r.order.id));
        expect(JSON.parse(JSON.stringify(r.order))).toEqual(
          JSON.parse(JSON.stringify(await getOrder(db(), r.order.id))),
        );
      }
      counts.sort((x, y) => x - y);
      // The fewest: an order whose caches (published policy, serving model) were warm; an order
      // that reloads one after its TTL adds those reads. 15 for placement (ADR 037: the
      // placement without BEGIN/COMMIT, one statement each for the payment's claim and answer, its two events in one insert),
      // +1 for the merchant webhook endpoint lookup that announces the status change.
      expect(counts[0]).toBeLessThanOrEqual(16);
      // Stock: 1 + 5 orders × 2 units reserved of each variant.
      const levels = await db().inventoryLevel.findMany({ where: { variantId: { in: [a.variantId, b.variantId] } } });
      expect(levels.map((l) => l.reserved)).toEqual([11, 11]);
    },
  );

  it('a replay of the same key returns the stored order without placing another', { timeout: 30_000 }, async () => {
    const v = await makeVariant(db(), { stock: 3 });
    const input = {
      sessionKey: null,
      lines: [{ variantId: v.variantId, quantity: 1 }],
      email: 'replay@example.com',
      shippingAddress: address,
      paymentMethod: freshCard(),
      idempotencyKey: `rt-replay-${Date.now()}`,
      ipAddress: freshIp(),
      requestId: 'req-replay',
    };
    const first = await placeOrder(db(), input);
    const again = await placeOrder(db(), input);
    expect(again.replayed).toBe(true);
    expect(again.order).toEqual(JSON.parse(JSON.stringify(first.order)));
    expect(await db().order.count({ where: { emailHash: emailHash('replay@example.com') } })).toBe(1);
  });

  it(
    'the placement statement is all or nothing: one line short reserves nothing and writes no order',
    { timeout: 30_000 },
    async () => {
      const plenty = await makeVariant(db(), { stock: 10 });
      const scarce = await makeVariant(db(), { stock: 1 });
      await ensureLevelsAndReadAvailable(db(), [plenty.variantId, scarce.variantId]);
      const line = (v: { variantId: string; productId: string; sku: string }) => ({
        variantId: v.variantId,
        sku: v.sku,
        productId: v.productId,
        productSlug: 'x',
        title: 'T',
        variantTitle: 'Default',
        categoryPath: [],
        unitPriceCents: 100,
        quantity: 2,
        lineTotalCents: 200,
        currency: 'USD',
        stockOnHand: 0,
      });
      const newOrder = (orderId: string) => ({
        orderId,
        sessionKey: null,
        email: 'short@example.com',
        currency: 'USD',
        subtotalCents: 400,
        discountCents: 0,
        taxCents: 0,
        shippingCents: 0,
        totalCents: 400,
        discounts: [],
        promoCode: null,
        shippingAddress: address,
        billingAddress: null,
        ipAddress: null,
        requestId: null,
        lines: [line(plenty), line(scarce)],
        now: new Date(),
      });
      const nothingWritten = async (orderId: string) => {
        const levels = await db().inventoryLevel.findMany({ where: { variantId: { in: [plenty.variantId, scarce.variantId] } } });
        expect(levels.map((l) => l.reserved)).toEqual([0, 0]);
        expect(await db().inventoryReservation.count({ where: { orderId } })).toBe(0);
        expect(await db().order.count({ where: { id: orderId } })).toBe(0);
        expect(await db().orderLine.count({ where: { orderId } })).toBe(0);
        expect(await db().orderEvent.count({ where: { orderId } })).toBe(0);
      };
      // Without a transaction (the checkout's usual path, ADR 037): the statement fails itself.
      const directId = newId('ord');
      const short = await reserveAndInsertOrderDirect(db(), newOrder(directId)).catch((e: unknown) => e);
      expect(short).toBeInstanceOf(OutOfStockError);
      expect((short as OutOfStockError).message).toContain(scarce.sku);
      await nothingWritten(directId);
      // Inside a Prisma transaction the rollback undoes it.
      const orderId = newId('ord');
      // Past the fail-fast read (as when a concurrent order took the units in between).
      await expect(
        db().$transaction((tx) =>
          reserveAndInsertOrder(tx, {
            orderId,
            sessionKey: null,
            email: 'short@example.com',
            currency: 'USD',
            subtotalCents: 400,
            discountCents: 0,
            taxCents: 0,
            shippingCents: 0,
            totalCents: 400,
            discounts: [],
            promoCode: null,
            shippingAddress: address,
            billingAddress: null,
            ipAddress: null,
            requestId: null,
            lines: [line(plenty), line(scarce)],
            now: new Date(),
          }),
        ),
      ).rejects.toBeInstanceOf(OutOfStockError);
      await nothingWritten(orderId);
      // With the stock there, the direct path places it.
      await db().productVariant.update({ where: { id: scarce.variantId }, data: { stockOnHand: 5 } });
      const placedId = newId('ord');
      const placed = await reserveAndInsertOrderDirect(db(), newOrder(placedId));
      expect(placed?.customerId).toMatch(/^cus_/);
      expect(await db().inventoryReservation.count({ where: { orderId: placedId } })).toBe(2);
    },
  );
});
