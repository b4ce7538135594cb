// Partial refunds on a real Postgres: amounts never exceed what was captured (20 at once),
// restock returns exactly the units, one idempotency key refunds once, and the order only
// becomes refunded when nothing is left.
import { beforeAll, describe, expect, it } from 'vitest';
import { setEventStoreDb } from '@/inngest/runner/event-store';
import { useTestDatabase } from '@/server/db/testing';
import { DomainError } from '@/server/errors';
import { newId } from '@/server/lib/ids';
import { getPayment, refundPayment } from '@/server/modules/payments/payments-service';
import { makePaidOrder } from './orders.fixtures';
import { orderRefunds, refundOrder } from './refund-order';

const getDb = useTestDatabase();
const db = () => getDb().prisma;
const key = () => `rk-${newId('k')}`;

beforeAll(async () => {
  setEventStoreDb(getDb().prisma);
  await db().webhookEndpoint.create({
    data: { id: newId('whe'), url: 'http://127.0.0.1:9/hook', secret: 'whsec_dGVzdHNlY3JldA==', eventTypes: ['order.*'], createdBy: 'test' },
  });
});

async function stock(variantId: string) {
  return (await db().productVariant.findUniqueOrThrow({ where: { id: variantId }, select: { stockOnHand: true } })).stockOnHand;
}

async function refusal(p: Promise<unknown>): Promise<DomainError> {
  const err = await p.then(
    () => null,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(DomainError);
  return err as DomainError;
}

describe('refundOrder', () => {
  it('refunds by amount in parts; the order is refunded only when nothing is left; over the remainder is a 422 naming amountCents', async () => {
    const o = await makePaidOrder(db(), { lines: [{ priceCents: 5_000, quantity: 2, stock: 10 }], shippingCents: 500 });
    expect(o.totalCents).toBe(10_500);

    const first = await refundOrder(db(), 'support@luma.example', { orderId: o.orderId, idempotencyKey: key(), refund: { amountCents: 2_500, reason: 'scratched' } });
    expect(first.refund).toMatchObject({ status: 'succeeded', amountCents: 2_500, remainingCents: 8_000 });
    expect(first.refund.providerRefundId).toMatch(/^lre_/);
    let order = await db().order.findUniqueOrThrow({ where: { id: o.orderId }, include: { events: true } });
    expect(order.status).toBe('paid');
    expect(order.events.map((e) => e.reason)).toEqual([expect.stringMatching(/^order\.refunded_partially: \$25\.00 refunded, \$80\.00 left — scratched$/)]);

    const over = await refusal(refundOrder(db(), 'support@luma.example', { orderId: o.orderId, idempotencyKey: key(), refund: { amountCents: 8_001 } }));
    expect(over.code).toBe('INVALID');
    expect(over.message).toMatch(/^amountCents: \$80\.01 is more than the \$80\.00 left to refund$/);
    expect(over.details).toMatchObject({ field: 'amountCents', remainingCents: 8_000 });
    expect(await db().orderRefund.count({ where: { orderId: o.orderId } })).toBe(1);

    const rest = await refundOrder(db(), 'support@luma.example', { orderId: o.orderId, idempotencyKey: key(), refund: { amountCents: 8_000 } });
    expect(rest.refund).toMatchObject({ status: 'succeeded', remainingCents: 0 });
    order = await db().order.findUniqueOrThrow({ where: { id: o.orderId }, include: { events: true } });
    expect(order.status).toBe('refunded');
    expect(order.refundedAt).not.toBeNull();
    expect((await getPayment(db(), o.paymentId)).amountRefundedCents).toBe(10_500);

    const summary = await orderRefunds(db(), o.orderId);
    expect(summary).toMatchObject({ capturedCents: 10_500, refundedCents: 10_500, remainingCents: 0, pendingCents: 0 });
    expect(summary.refunds.map((r) => r.amountCents)).toEqual([8_000, 2_500]);

    // Merchant systems heard each refund with amount and remaining; the full one once.
    const events = await db().webhookOutEvent.findMany({ where: { type: 'order.refunded' }, orderBy: { createdAt: 'asc' } });
    const mine = events.map((e) => e.payload as { orderId: string; amountCents: number; remainingCents: number; full: boolean }).filter((p) => p.orderId === o.orderId);
    expect(mine.map((p) => [p.amountCents, p.remainingCents, p.full])).toEqual([
      [2_500, 8_000, false],
      [8_000, 0, true],
    ]);

    const after = await refusal(refundOrder(db(), 'support@luma.example', { orderId: o.orderId, idempotencyKey: key(), refund: { amountCents: 1 } }));
    expect(after.message).toMatch(/already fully refunded/);
  });

  it('refunds lines by their share of what was paid, restocks exactly those units, and refuses more units than are left', async () => {
    const o = await makePaidOrder(db(), {
      lines: [
        { priceCents: 2_000, quantity: 3, stock: 10 },
        { priceCents: 4_000, quantity: 1, stock: 5 },
      ],
      discountCents: 1_000, // 10% of the 10 000 subtotal
      taxCents: 900,
      shippingCents: 700,
    });
    const [a, b] = o.variants;
    expect(await stock(a!.variantId)).toBe(7);

    const r = await refundOrder(db(), 'support@luma.example', {
      orderId: o.orderId,
      idempotencyKey: key(),
      refund: { lines: [{ variantId: a!.variantId, quantity: 2 }], restock: true, reason: 'returned' },
    });
    // Goods paid 10 000 − 1 000 + 900 = 9 900 for 10 000 of list price: 2 × 2 000 → 3 960.
    expect(r.refund).toMatchObject({ amountCents: 3_960, restockedUnits: 2, lines: [{ variantId: a!.variantId, quantity: 2, amountCents: 3_960 }] });
    expect(await stock(a!.variantId)).toBe(9);
    expect(await stock(b!.variantId)).toBe(4);

    const tooMany = await refusal(
      refundOrder(db(), 'support@luma.example', { orderId: o.orderId, idempotencyKey: key(), refund: { lines: [{ variantId: a!.variantId, quantity: 2 }], restock: true } }),
    );
    expect(tooMany.details).toMatchObject({ field: 'lines.0.quantity', left: 1 });
    expect(await stock(a!.variantId)).toBe(9);

    // The rest: the last unit of A, B, and shipping without restock; the order ends refunded.
    const last = await refundOrder(db(), 'support@luma.example', {
      orderId: o.orderId,
      idempotencyKey: key(),
      refund: { lines: [{ variantId: a!.variantId, quantity: 1 }, { variantId: b!.variantId, quantity: 1 }], refundShipping: true },
    });
    expect(last.refund).toMatchObject({ amountCents: 1_980 + 3_960 + 700, restockedUnits: 0, remainingCents: 0 });
    expect(await stock(a!.variantId)).toBe(9);
    expect((await db().order.findUniqueOrThrow({ where: { id: o.orderId } })).status).toBe('refunded');
    // Only the unit not restocked is still committed to the order.
    const res = await db().inventoryReservation.findMany({ where: { orderId: o.orderId }, orderBy: { variantId: 'asc' } });
    expect(res.map((x) => x.quantity).sort()).toEqual([1, 1]);
  });

  it('after a held order\'s apology refund, lines are refunded at their share of what is left and every line refunds exactly the rest', async () => {
    const o = await makePaidOrder(db(), {
      lines: [
        { priceCents: 2_000, quantity: 1, stock: 5 },
        { priceCents: 8_000, quantity: 1, stock: 5 },
      ],
      shippingCents: 500,
    });
    const [a, b] = o.variants;
    // The exception flow refunded 10% of the goods as an apology for the wait (outside the ledger).
    await refundPayment(db(), { paymentId: o.paymentId, amountCents: 1_000, idempotencyKey: `${o.orderId}:apology` });
    expect(await orderRefunds(db(), o.orderId)).toMatchObject({ capturedCents: 10_500, refundedCents: 1_000, remainingCents: 9_500 });

    // The shopper paid 9 000 for 10 000 of goods: B's 8 000 → 7 200.
    const first = await refundOrder(db(), 'support@luma.example', { orderId: o.orderId, idempotencyKey: key(), refund: { lines: [{ variantId: b!.variantId, quantity: 1 }] } });
    expect(first.refund).toMatchObject({ amountCents: 7_200, remainingCents: 2_300, lines: [{ variantId: b!.variantId, quantity: 1, amountCents: 7_200 }] });

    // A and shipping are what is left (1 800 + 500): refunded by lines, not refused as more than left.
    const rest = await refundOrder(db(), 'support@luma.example', {
      orderId: o.orderId,
      idempotencyKey: key(),
      refund: { lines: [{ variantId: a!.variantId, quantity: 1 }], refundShipping: true },
    });
    expect(rest.refund).toMatchObject({ amountCents: 2_300, shippingCents: 500, remainingCents: 0, lines: [{ amountCents: 1_800 }] });
    expect((await db().order.findUniqueOrThrow({ where: { id: o.orderId } })).status).toBe('refunded');
    expect((await getPayment(db(), o.paymentId)).amountRefundedCents).toBe(10_500);
  });

  it('the same idempotency key refunds once, even submitted 5 times at once; another body with it is a 409', async () => {
    const o = await makePaidOrder(db(), { lines: [{ priceCents: 3_000, quantity: 1, stock: 3 }] });
    const k = key();
    const results = await Promise.all(
      Array.from({ length: 5 }, () => refundOrder(db(), 'support@luma.example', { orderId: o.orderId, idempotencyKey: k, refund: { amountCents: 1_000 } })),
    );
    expect(new Set(results.map((r) => r.refund.id)).size).toBe(1);
    expect(results.filter((r) => !r.replayed)).toHaveLength(1);
    expect(await db().orderRefund.count({ where: { orderId: o.orderId } })).toBe(1);
    expect(await db().paymentOperation.count({ where: { paymentId: o.paymentId, kind: 'refund' } })).toBe(1);
    expect((await getPayment(db(), o.paymentId)).amountRefundedCents).toBe(1_000);

    const other = await refusal(refundOrder(db(), 'support@luma.example', { orderId: o.orderId, idempotencyKey: k, refund: { amountCents: 999 } }));
    expect(other.code).toBe('CONFLICT');
    expect(other.details).toMatchObject({ field: 'idempotencyKey' });
  });

  it('20 concurrent refunds never add up to more than was captured', async () => {
    const o = await makePaidOrder(db(), { lines: [{ priceCents: 10_000, quantity: 1, stock: 2 }] });
    const settled = await Promise.allSettled(
      Array.from({ length: 20 }, () => refundOrder(db(), 'support@luma.example', { orderId: o.orderId, idempotencyKey: key(), refund: { amountCents: 700 } })),
    );
    const ok = settled.filter((s) => s.status === 'fulfilled');
    const refused = settled.filter((s): s is PromiseRejectedResult => s.status === 'rejected');
    expect(ok).toHaveLength(14);
    expect(refused).toHaveLength(6);
    for (const r of refused) expect((r.reason as DomainError).details).toMatchObject({ field: 'amountCents', remainingCents: expect.any(Number) });
    const payment = await getPayment(db(), o.paymentId);
    expect(payment.amountRefundedCents).toBe(9_800);
    expect(payment.status).toBe('captured');
    const summary = await orderRefunds(db(), o.orderId);
    expect(summary).toMatchObject({ refundedCents: 9_800, remainingCents: 200, pendingCents: 0 });
    expect(summary.refunds.filter((r) => r.status === 'succeeded')).toHaveLength(14);
  });

  it('refuses orders that were not paid, with the field named', async () => {
    const o = await makePaidOrder(db(), { lines: [{ priceCents: 3_000, quantity: 1, stock: 3 }] });
    await db().order.update({ where: { id: o.orderId }, data: { status: 'cancelled' } });
    const err = await refusal(refundOrder(db(), 'support@luma.example', { orderId: o.orderId, idempotencyKey: key(), refund: { amountCents: 100 } }));
    expect(err.code).toBe('CONFLICT');
    expect(err.details).toMatchObject({ field: 'orderId', status: 'cancelled' });
    expect(await db().orderRefund.count({ where: { orderId: o.orderId } })).toBe(0);
  });
});

describe('refundPayment under concurrency', () => {
  it('partial refunds of one payment take turns: none of the amounts is lost, none goes past the capture', async () => {
    const o = await makePaidOrder(db(), { lines: [{ priceCents: 5_000, quantity: 1, stock: 2 }] });
    const settled = await Promise.allSettled(
      Array.from({ length: 8 }, (_, i) => refundPayment(db(), { paymentId: o.paymentId, amountCents: 1_000, idempotencyKey: `direct-refund-${o.paymentId}-${i}` })),
    );
    expect(settled.filter((x) => x.status === 'fulfilled')).toHaveLength(5);
    const payment = await getPayment(db(), o.paymentId);
    expect(payment).toMatchObject({ status: 'refunded', amountRefundedCents: 5_000 });
    expect(await db().paymentOperation.count({ where: { paymentId: o.paymentId, kind: 'refund', status: 'succeeded' } })).toBe(5);
    expect(await db().paymentOperation.count({ where: { paymentId: o.paymentId, kind: 'refund', status: 'failed' } })).toBe(3);
  });
});
