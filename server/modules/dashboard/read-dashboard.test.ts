import { describe, expect, it } from 'vitest';
import { useTestDatabase } from '@/server/db/testing';
import { newId } from '@/server/lib/ids';
import { ROLE_GRANTS } from '@/server/modules/auth/permissions';
import { enqueueReview } from '@/server/modules/reviews/enqueue-review';
import { readDashboard } from './read-dashboard';

const getDb = useTestDatabase();
const NOW = new Date('2026-11-27T15:00:00Z');
const hoursAgo = (h: number) => new Date(NOW.getTime() - h * 3_600_000);

async function order(status: string, totalCents: number, createdAt: Date) {
  await getDb().prisma.order.create({
    data: {
      id: newId('ord'),
      customerId: 'cus_test',
      email: 'shopper@example.com',
      status: status as 'paid',
      subtotalCents: totalCents,
      discountCents: 0,
      taxCents: 0,
      shippingCents: 0,
      totalCents,
      shippingAddress: {},
      createdAt,
    },
  });
}

describe('console dashboard', () => {
  it('is empty but well-formed on a new store', async () => {
    const d = await readDashboard(getDb().prisma, ROLE_GRANTS.owner.permissions, NOW);
    expect(d.orders!.perDay).toHaveLength(7);
    expect(d.orders!.week).toEqual({ orders: 0, revenueCents: 0 });
    expect(d.conversion).toEqual({ sessions: 0, orders: 0, rate: null });
    expect(d.search).toMatchObject({ queries: 0, zeroResultRate: null, p95Ms: null });
    expect(d.queue).toEqual({ depth: 0, overdue: 0, oldestAgeMinutes: null });
  });

  it('counts orders and revenue per UTC day, conversion, zero-result rate, open alerts and queue age', async () => {
    const db = getDb().prisma;
    await order('paid', 10_000, hoursAgo(1)); // today
    await order('fulfilled', 2_550, hoursAgo(2)); // today
    await order('in_review', 7_000, hoursAgo(3)); // placed today, no revenue yet
    await order('pending_payment', 9_999, hoursAgo(1)); // abandoned at payment: not an order
    await order('authorized', 5_000, hoursAgo(24)); // yesterday
    await order('cancelled', 4_000, hoursAgo(24));
    await order('paid', 1_000, hoursAgo(24 * 8)); // outside the week
    for (const [i, key] of ['s1', 's1', 's2', 's3', 's4', 's5', 's6', 's7', 's8', 's9', 's10'].entries())
      await db.event.create({ data: { id: `ev_${i}`, name: 'product.viewed', data: { sessionKey: key }, source: 'storefront', ts: hoursAgo(i + 1) } });
    for (const zero of [true, false, false, false])
      await db.searchEvent.create({ data: { id: newId('se'), type: 'query', query: 'x', zeroResult: zero, createdAt: hoursAgo(5) } });
    await db.modelAlert.create({ data: { id: newId('alert'), kind: 'risk_score', type: 'drift', message: 'score drift', createdAt: hoursAgo(1) } });
    await enqueueReview(db, { kind: 'order', subjectId: 'ord_1', slaMinutes: 30 }, hoursAgo(2));
    await enqueueReview(db, { kind: 'order', subjectId: 'ord_2' }, hoursAgo(0.5));

    const d = await readDashboard(db, ROLE_GRANTS.owner.permissions, NOW);
    expect(d.orders!.today).toEqual({ orders: 3, revenueCents: 12_550 });
    expect(d.orders!.perDay.at(-2)).toEqual({ day: '2026-11-26', orders: 1, revenueCents: 5_000 });
    expect(d.orders!.week).toEqual({ orders: 4, revenueCents: 17_550 });
    expect(d.conversion).toEqual({ sessions: 10, orders: 4, rate: 0.4 });
    expect(d.search).toMatchObject({ queries: 4, zeroResult: 1, zeroResultRate: 0.25 });
    expect(d.models!.openAlerts).toBe(1);
    expect(d.queue).toEqual({ depth: 2, overdue: 1, oldestAgeMinutes: 120 });
  });

  it('computes only the tiles the viewer may read', async () => {
    const d = await readDashboard(getDb().prisma, ROLE_GRANTS.support.permissions, NOW);
    expect(d.orders).not.toBeNull();
    expect(d.search).toBeNull();
    expect(d.models).toBeNull();
    expect(d.queue).not.toBeNull();
  });
});
