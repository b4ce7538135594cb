// The order state machine, every (from, to) pair on a real Postgres: an allowed transition
// moves the order, stamps its timestamp, records one order event and one outbound
// `order.<status>` event; a forbidden one is a ConflictError and writes nothing at all.
// The expected matrix is written out here by hand (issue 7), not read from order-status.ts,
// so a change to the state machine has to change this table too.
import pg from 'pg';
import { beforeAll, describe, expect, it } from 'vitest';
import { setEventStoreDb } from '@/inngest/runner/event-store';
import { useTestDatabase } from '@/server/db/testing';
import { ConflictError } from '@/server/errors';
import { newId } from '@/server/lib/ids';
import { ORDER_STATUSES, type OrderStatusName } from './checkout.schema';
import { IllegalTransitionError } from './order-status';
import { transitionOrder } from './transition-order';

const getDb = useTestDatabase();
const db = () => getDb().prisma;

// Rows: from. Columns: to, in the same order. Y = allowed, . = rejected.
//   pending_payment → authorized → paid → fulfilled is the happy path; in_review and on_hold
//   sit beside pending_payment/authorized; paid orders are refunded, never cancelled; refunded
//   is final; cancelled only goes back to pending_payment (an approved appeal, ADR 026).
const STATUSES = [
  'pending_payment',
  'authorized',
  'paid',
  'fulfilled',
  'on_hold',
  'in_review',
  'cancelled',
  'refunded',
] as const;
const MATRIX = `
                   pend auth paid fulf hold revw canc refd
  pending_payment   .    Y    .    .    Y    Y    Y    .
  authorized        .    .    Y    .    Y    Y    Y    .
  paid              .    .    .    Y    .    .    .    Y
  fulfilled         .    .    .    .    .    .    .    Y
  on_hold           .    Y    .    .    .    Y    Y    .
  in_review         .    Y    .    .    Y    .    Y    .
  cancelled         Y    .    .    .    .    .    .    .
  refunded          .    .    .    .    .    .    .    .
`;

/** The column each status stamps when entered (statuses without one are dated by their event). */
const STAMP: Record<OrderStatusName, TimestampColumn | null> = {
  pending_payment: null,
  authorized: 'authorizedAt',
  paid: 'paidAt',
  fulfilled: 'fulfilledAt',
  on_hold: null,
  in_review: null,
  cancelled: 'cancelledAt',
  refunded: 'refundedAt',
};
type TimestampColumn = 'authorizedAt' | 'paidAt' | 'fulfilledAt' | 'cancelledAt' | 'refundedAt';
const STAMP_COLUMNS: TimestampColumn[] = ['authorizedAt', 'paidAt', 'fulfilledAt', 'cancelledAt', 'refundedAt'];

function parseMatrix(): { from: OrderStatusName; to: OrderStatusName; allowed: boolean }[] {
  const rows = MATRIX.trim().split('\n').slice(1);
  expect(rows).toHaveLength(STATUSES.length);
  return rows.flatMap((row, i) => {
    const [from, ...cells] = row.trim().split(/\s+/);
    expect(from).toBe(STATUSES[i]);
    expect(cells).toHaveLength(STATUSES.length);
    return cells.map((c, j) => {
      expect(['Y', '.']).toContain(c);
      return { from: STATUSES[i]!, to: STATUSES[j]!, allowed: c === 'Y' };
    });
  });
}
const PAIRS = parseMatrix();

beforeAll(async () => {
  setEventStoreDb(db());
  // A merchant endpoint subscribed to order.*: every status change must publish one event.
  await db().webhookEndpoint.create({
    data: {
      id: newId('whe'),
      url: 'http://127.0.0.1:9/hook',
      secret: 'whsec_dGVzdHNlY3JldA==',
      eventTypes: ['order.*'],
      createdBy: 'test',
    },
  });
});

/** An order sitting in `status` with no history, as if it had got there by earlier transitions. */
async function orderIn(status: OrderStatusName): Promise<string> {
  const id = newId('ord');
  await db().order.create({
    data: {
      id,
      customerId: newId('cus'),
      email: 'matrix@example.com',
      status,
      subtotalCents: 4_000,
      discountCents: 0,
      taxCents: 0,
      shippingCents: 0,
      totalCents: 4_000,
      shippingAddress: { line1: '1 Main St', city: 'Springfield', postalCode: '12345', country: 'US' },
    },
  });
  return id;
}

async function snapshot(orderId: string) {
  return {
    order: await db().order.findUniqueOrThrow({ where: { id: orderId } }),
    events: await db().orderEvent.findMany({ where: { orderId }, orderBy: { createdAt: 'asc' } }),
    outbound: await db().webhookOutEvent.findMany({ where: { id: { startsWith: `evt_order_${orderId}_` } } }),
  };
}

describe('order state machine: every (from, to) pair', () => {
  it('covers every status of the database enum and of the schema, and allows 18 of the 64 pairs', async () => {
    const r = await getDb().query<{ label: string }>(
      `SELECT e.enumlabel AS label FROM pg_enum e JOIN pg_type t ON t.oid = e.enumtypid WHERE t.typname = 'order_status' ORDER BY e.enumsortorder`,
    );
    expect(new Set(r.rows.map((x) => x.label))).toEqual(new Set(STATUSES));
    expect(r.rows).toHaveLength(STATUSES.length);
    expect(new Set(ORDER_STATUSES)).toEqual(new Set(STATUSES));
    expect(PAIRS).toHaveLength(64);
    expect(PAIRS.filter((p) => p.allowed)).toHaveLength(18);
  });

  for (const { from, to, allowed } of PAIRS) {
    if (allowed) {
      it(`${from} → ${to}: allowed, timestamped, recorded as an order event and published`, async () => {
        const orderId = await orderIn(from);
        const before = await snapshot(orderId);
        const t0 = Date.now();
        const result = await transitionOrder(db(), orderId, to, {
          reason: `matrix ${from}→${to}`,
          actor: 'staff_matrix',
        });
        const t1 = Date.now();
        expect(result).toEqual({ from, to });

        const after = await snapshot(orderId);
        expect(after.order.status).toBe(to);
        // The entered status's own column is stamped now; every other stamp is as it was.
        for (const col of STAMP_COLUMNS) {
          if (col === STAMP[to]) {
            expect(after.order[col], col).not.toBeNull();
            expect(after.order[col]!.getTime()).toBeGreaterThanOrEqual(t0 - 1);
            expect(after.order[col]!.getTime()).toBeLessThanOrEqual(t1 + 1);
          } else expect(after.order[col], col).toEqual(before.order[col]);
        }
        expect(after.order.updatedAt.getTime()).toBeGreaterThanOrEqual(t0 - 1);

        expect(after.events).toHaveLength(1);
        const ev = after.events[0]!;
        expect(ev).toMatchObject({
          orderId,
          fromStatus: from,
          toStatus: to,
          reason: `matrix ${from}→${to}`,
          actor: 'staff_matrix',
        });
        expect(ev.createdAt.getTime()).toBeGreaterThanOrEqual(t0 - 1);
        expect(ev.createdAt.getTime()).toBeLessThanOrEqual(t1 + 1);
        if (STAMP[to]) expect(ev.createdAt.getTime()).toBe(after.order[STAMP[to]!]!.getTime());

        expect(after.outbound).toHaveLength(1);
        expect(after.outbound[0]).toMatchObject({
          type: `order.${to}`,
          payload: { orderId, status: to, previousStatus: from },
        });
      });
    } else {
      it(`${from} → ${to}: rejected with a ConflictError, nothing written`, async () => {
        const orderId = await orderIn(from);
        const before = await snapshot(orderId);
        const err = await transitionOrder(db(), orderId, to, {
          reason: 'should not happen',
          actor: 'staff_matrix',
        }).then(
          () => null,
          (e: unknown) => e,
        );
        expect(err).toBeInstanceOf(IllegalTransitionError);
        expect(err).toBeInstanceOf(ConflictError);
        expect(err).toMatchObject({
          code: 'CONFLICT',
          message: `Order ${orderId} cannot go from ${from} to ${to}`,
          details: { reason: 'illegal_transition', orderId, from, to },
        });
        expect(await snapshot(orderId)).toEqual(before);
        expect(before.events).toHaveLength(0);
        expect(before.outbound).toHaveLength(0);
      });
    }
  }
});

describe('order status webhooks on re-entry', () => {
  it('an order held, released and held again, or cancelled again after reinstatement, is announced each time', async () => {
    const orderId = await orderIn('authorized');
    for (const to of ['on_hold', 'authorized', 'on_hold', 'cancelled', 'pending_payment', 'cancelled'] as const)
      await transitionOrder(db(), orderId, to, { reason: `to ${to}`, actor: 'test' });
    const { outbound } = await snapshot(orderId);
    expect(outbound.map((e) => e.id).sort()).toEqual(
      [
        `evt_order_${orderId}_on_hold`,
        `evt_order_${orderId}_authorized`,
        `evt_order_${orderId}_on_hold_2`,
        `evt_order_${orderId}_cancelled`,
        `evt_order_${orderId}_pending_payment`,
        `evt_order_${orderId}_cancelled_2`,
      ].sort(),
    );
    expect(outbound.filter((e) => e.type === 'order.on_hold').map((e) => (e.payload as { previousStatus: string }).previousStatus).sort()).toEqual([
      'authorized',
      'authorized',
    ]);
  });
});

// A second session beside Prisma's needs a real server (the embedded database has one connection).
describe.skipIf(!process.env.TEST_DATABASE_URL)('order state machine under concurrency', () => {
  it('10 racing transitions of one authorized order (5 × paid, 5 × cancelled): exactly one wins, nine are rejected, one event', async () => {
    const orderId = await orderIn('authorized');
    // Another session holds the order's row while the racers start, so they reach it together
    // when it lets go (without the row lock in lockOrder, several read 'authorized' and all win).
    const holder = new pg.Client({ connectionString: getDb().url });
    await holder.connect();
    let results: PromiseSettledResult<{ from: OrderStatusName; to: OrderStatusName }>[];
    try {
      await holder.query('BEGIN');
      await holder.query('SELECT 1 FROM orders WHERE id = $1 FOR UPDATE', [orderId]);
      const targets = Array.from({ length: 10 }, (_, i): OrderStatusName => (i % 2 ? 'cancelled' : 'paid'));
      const racing = Promise.allSettled(targets.map((to) => transitionOrder(db(), orderId, to, { actor: 'racer' })));
      const t0 = Date.now();
      for (;;) {
        const r = await holder.query<{ n: number }>(
          `SELECT count(*)::int AS n FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock'`,
        );
        if (r.rows[0]!.n >= 1 || Date.now() - t0 > 5_000) break;
        await new Promise((res) => setTimeout(res, 10));
      }
      // The first racer is blocked on the row; give the rest a moment to queue behind it.
      await new Promise((res) => setTimeout(res, 200));
      await holder.query('COMMIT');
      results = await racing;
    } finally {
      await holder.end();
    }
    const won = results.flatMap((r) => (r.status === 'fulfilled' ? [r.value] : []));
    const lost = results.flatMap((r) => (r.status === 'rejected' ? [r.reason as unknown] : []));
    expect(won).toHaveLength(1);
    expect(lost).toHaveLength(9);
    for (const err of lost) expect(err).toBeInstanceOf(IllegalTransitionError);
    const after = await snapshot(orderId);
    // paid and cancelled lead nowhere near each other, nor to themselves.
    expect(after.order.status).toBe(won[0]!.to);
    expect(after.events.map((e) => [e.fromStatus, e.toStatus])).toEqual([['authorized', won[0]!.to]]);
    expect(after.outbound.map((e) => e.type)).toEqual([`order.${won[0]!.to}`]);
  });
});
