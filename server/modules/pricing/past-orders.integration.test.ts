import { beforeAll, describe, expect, it } from 'vitest';
import { setEventStoreDb } from '@/inngest/runner/event-store';
import { useTestDatabase } from '@/server/db/testing';
import { address, ensureStoreDefaults, freshCard, freshIp, makeVariant } from '@/server/modules/checkout/checkout.fixtures';
import { placeOrder } from '@/server/modules/checkout/place-order';
import { simulatePolicy } from '@/server/modules/policies/simulate-policy';
import { DEFAULT_POLICIES } from '@/server/modules/policies/policy-kinds';
import { loadPastOrders } from './past-orders';

const getDb = useTestDatabase();
const db = () => getDb().prisma;

beforeAll(async () => {
  (globalThis as unknown as { prisma: unknown }).prisma = db();
  setEventStoreDb(db());
  await ensureStoreDefaults(db());
});

describe('discount simulation on real order history', () => {
  it('replays placed orders (with their categories) instead of generated ones once the store has some', async () => {
    expect((await loadPastOrders(db(), { days: 14 })).source).toBe('generated');
    const lamp = await makeVariant(db(), { stock: 10, priceCents: 12_000, category: ['Lighting', 'Lamps'] });
    const fridge = await makeVariant(db(), { stock: 10, priceCents: 90_000, category: ['Appliances', 'Refrigerators'] });
    for (const [i, v] of [lamp, fridge, lamp].entries()) {
      await placeOrder(
        db(),
        {
          sessionKey: null,
          lines: [{ variantId: v.variantId, quantity: 1 }],
          email: `history${i}@example.com`,
          shippingAddress: address,
          paymentMethod: freshCard(),
          idempotencyKey: `history-${i}-${Date.now()}`,
          ipAddress: freshIp(),
          requestId: 'req-history',
        },
        { publish: async () => undefined },
      );
    }
    const past = await loadPastOrders(db(), { days: 14 });
    expect(past.source).toBe('orders');
    expect(past.orders).toHaveLength(3);
    expect(past.orders.map((o) => o.lines[0]!.categoryPath[0])).toEqual(['Lighting', 'Appliances', 'Lighting']);

    const sim = await simulatePolicy(db(), { kind: 'discount', body: { ...DEFAULT_POLICIES.discount, maxPercent: 10 }, days: 14 });
    if (sim.kind !== 'discount') throw new Error('expected a discount simulation');
    expect(sim.discount.source).toBe('orders');
    expect(sim.discount.draft.orders).toBe(3);
    // The appliance is excluded by the policy: at most the two lamp orders get offers.
    expect(sim.discount.draft.offers).toBeLessThanOrEqual(2);
  });
});
