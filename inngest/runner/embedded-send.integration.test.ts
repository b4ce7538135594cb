// send() in embedded mode stores events directly (storeSentEvents, ADR 037): the same rows the
// SDK's send through embeddedFetch wrote — schema validated first (a bad payload stores
// nothing), ids kept (a repeat is one row), data and ts defaulted. (The trace riding along is
// covered by server/observability/checkout-trace.integration.test.ts.)
import { beforeAll, describe, expect, it } from 'vitest';
import { catalogProductUpdated, orderPlaced } from '@/inngest/events';
import { send, sendTogether } from '@/inngest/send';
import { installQueryCounter } from '@/server/db/query-counter';
import { useTestDatabase } from '@/server/db/testing';
import { setEventStoreDb } from './event-store';

const getDb = useTestDatabase();
beforeAll(() => setEventStoreDb(getDb().prisma));

describe('embedded send', () => {
  it('stores a batch in one go and returns its ids; a repeated id is stored once', async () => {
    const before = Date.now();
    const sent = await send([
      orderPlaced.create({ orderId: 'ord_send_1' }, { id: 'evt_send_a' }),
      catalogProductUpdated.create({ productId: 'prod_send_1' }, { id: 'evt_send_b' }),
      catalogProductUpdated.create({ productId: 'prod_send_1' }, { id: 'evt_send_b' }),
    ]);
    expect(sent.ids).toEqual(['evt_send_a', 'evt_send_b', 'evt_send_b']);
    const again = await send(orderPlaced.create({ orderId: 'ord_send_1' }, { id: 'evt_send_a' }));
    expect(again.ids).toEqual(['evt_send_a']);
    const rows = await getDb().prisma.event.findMany({ where: { id: { in: ['evt_send_a', 'evt_send_b'] } }, orderBy: { id: 'asc' } });
    expect(rows.map((r) => [r.id, r.name, r.data])).toEqual([
      ['evt_send_a', 'orders/order.placed', { orderId: 'ord_send_1' }],
      ['evt_send_b', 'catalog/product.updated', { productId: 'prod_send_1' }],
    ]);
    expect(rows[0]!.ts.getTime()).toBeGreaterThanOrEqual(before - 1_000);
    expect(rows[0]!.processedAt).toBeNull();
  });

  it('gives an event without an id a fresh one', async () => {
    const { ids } = await send(catalogProductUpdated.create({ productId: 'prod_send_2' }));
    expect(ids).toHaveLength(1);
    expect(ids[0]).toMatch(/^evt_/);
    expect(await getDb().prisma.event.count({ where: { id: ids[0] } })).toBe(1);
  });

  it('refuses a payload its schema rejects and stores nothing of the batch', async () => {
    const before = await getDb().prisma.event.count();
    await expect(
      send([
        catalogProductUpdated.create({ productId: 'prod_send_3' }, { id: 'evt_send_ok' }),
        catalogProductUpdated.create({ productId: '' }, { id: 'evt_send_bad' }),
      ]),
    ).rejects.toThrow(/productId/);
    expect(await getDb().prisma.event.count()).toBe(before);
  });


  it('sendTogether stores the sends of one operation in one insert when it ends, also when it throws', async () => {
    const counter = installQueryCounter();
    counter.reset();
    const result = await sendTogether(async () => {
      const a = await send(orderPlaced.create({ orderId: 'ord_together' }, { id: 'evt_together_a' }));
      // Not stored yet: it goes with the rest.
      expect(await getDb().prisma.event.count({ where: { id: 'evt_together_a' } })).toBe(0);
      const b = await send([catalogProductUpdated.create({ productId: 'prod_together' })]);
      return [...a.ids, ...b.ids];
    });
    expect(result[0]).toBe('evt_together_a');
    expect(result[1]).toMatch(/^evt_/);
    expect(counter.statements().filter((t) => t.includes('FROM ROWS FROM (jsonb_to_r'))).toHaveLength(1);
    expect(await getDb().prisma.event.count({ where: { id: { in: result } } })).toBe(2);

    await expect(
      sendTogether(async () => {
        await send(orderPlaced.create({ orderId: 'ord_together_2' }, { id: 'evt_together_thrown' }));
        throw new Error('the operation failed after sending');
      }),
    ).rejects.toThrow('the operation failed after sending');
    expect(await getDb().prisma.event.count({ where: { id: 'evt_together_thrown' } })).toBe(1);

    // A bad payload still throws where it is sent.
    await expect(sendTogether(() => send(catalogProductUpdated.create({ productId: '' })))).rejects.toThrow(/productId/);
  });
});
