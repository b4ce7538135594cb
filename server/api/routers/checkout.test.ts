// cart.*, checkout.* and orders.* through the tRPC caller, as the storefront and console use them.
import { TRPCError } from '@trpc/server';
import { beforeAll, describe, expect, it } from 'vitest';
import { setEventStoreDb } from '@/inngest/runner/event-store';
import { useTestDatabase } from '@/server/db/testing';
import { ensureStoreDefaults } from '@/server/modules/checkout/checkout.fixtures';
import { staffAs } from '@/server/modules/auth/testing';
import { address, makeVariant } from '@/server/modules/checkout/checkout.fixtures';
import { createContext } from '../init';
import { createCaller } from '../root';

const getDb = useTestDatabase();
beforeAll(async () => {
  setEventStoreDb(getDb().prisma);
  await ensureStoreDefaults(getDb().prisma);
});

const shopper = (sid: string) =>
  createCaller(createContext({ headers: new Headers({ cookie: `luma_sid=${sid}`, 'x-request-id': 'req-checkout', 'x-forwarded-for': '203.0.113.9' }), db: getDb().prisma }));
const SID = 'v_01JROUTERSESSION0000000000';

describe('cart and checkout routers', () => {
  it('adds to the cart, places it, shows the order to its session only, and lists it in the console', async () => {
    const v = await makeVariant(getDb().prisma, { stock: 4, priceCents: 9_900 });
    const cart = await shopper(SID).cart.add({ sku: v.sku, quantity: 2 });
    expect(cart.itemCount).toBe(2);
    const bad = await shopper(SID).cart.add({ sku: v.sku, quantity: 0 }).catch((e: unknown) => e as TRPCError);
    expect((bad as TRPCError).code).toBe('BAD_REQUEST');
    expect((bad as TRPCError).message).toContain('quantity must be at least 1');

    const placed = await shopper(SID).checkout.placeOrder({
      email: 'lin@example.com',
      shippingAddress: address,
      paymentMethod: '4242424242424242',
      idempotencyKey: 'router-checkout-1',
    });
    expect(placed).toMatchObject({ outcome: 'placed', requestId: 'req-checkout', order: { subtotalCents: 19_800, status: 'authorized' } });
    expect((await shopper(SID).cart.get()).lines).toEqual([]);
    // The shopper sees the outcome, never the risk score or the reasons behind it.
    expect(placed.risk).toEqual({ action: 'accept' });
    expect(placed.order.risk).toMatchObject({ action: 'accept', score: null, reasons: [], modelVersion: null });
    const mine = await shopper(SID).checkout.getOrder({ orderId: placed.order.id });
    expect(mine.status).toBe('authorized');
    expect(mine.risk.score).toBeNull();
    const other = await shopper('v_01JSOMEONEELSE000000000000').checkout.getOrder({ orderId: placed.order.id }).catch((e: unknown) => e as TRPCError);
    expect((other as TRPCError).code).toBe('NOT_FOUND');
    const ip = await getDb().query<{ ip_address: string }>(`SELECT ip_address FROM orders WHERE id = $1`, [placed.order.id]);
    expect(ip.rows[0]!.ip_address).toBe('203.0.113.9');

    const console = createCaller(createContext({ headers: new Headers(), db: getDb().prisma, staff: staffAs('support') }));
    expect((await console.orders.list({})).items.map((o) => o.id)).toEqual([placed.order.id]);
    expect((await console.orders.get({ orderId: placed.order.id })).lines).toHaveLength(1);
  });
});
