import { beforeAll, describe, expect, it } from 'vitest';
import { setEventStoreDb } from '@/inngest/runner/event-store';
import { useTestDatabase } from '@/server/db/testing';
import { makeVariant } from '@/server/modules/checkout/checkout.fixtures';
import { newSessionKey } from '@/server/lib/session-key';
import { createContext } from '../init';
import { createCaller } from '../root';

const getDb = useTestDatabase();
beforeAll(() => {
  (globalThis as unknown as { prisma: unknown }).prisma = getDb().prisma;
  setEventStoreDb(getDb().prisma);
});

const caller = (cookie: string) => createCaller(createContext({ headers: new Headers({ cookie }), db: getDb().prisma }));

describe('cart.add', () => {
  it('announces the product to recommendations, without the session key when personalization is off', async () => {
    const v = await makeVariant(getDb().prisma, { stock: 5, priceCents: 2_000 });
    const sid = newSessionKey();
    const cart = await caller(`luma_sid=${sid}`).cart.add({ variantId: v.variantId, quantity: 2 });
    expect(cart.lines).toHaveLength(1);
    await caller(`luma_sid=${newSessionKey()}; luma_personalization=off`).cart.add({ sku: v.sku });

    const events = await getDb().prisma.event.findMany({ where: { name: 'shopper/cart.item_added' }, orderBy: { receivedAt: 'asc' } });
    expect(events.map((e) => e.data)).toEqual([
      expect.objectContaining({ sessionKey: sid, productId: v.productId }),
      expect.not.objectContaining({ sessionKey: expect.anything() }),
    ]);
    expect((events[1]!.data as { productId: string }).productId).toBe(v.productId);
  });
});
