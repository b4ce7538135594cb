// Money held on an order that ended cancelled is released: the authorisation a dead process
// left behind is voided by reservation expiry; a capture arriving after cancellation is refunded.
import { beforeAll, describe, expect, it } from 'vitest';
import { setEventStoreDb } from '@/inngest/runner/event-store';
import { useTestDatabase } from '@/server/db/testing';
import { capturePayment, getPayment } from '@/server/modules/payments/payments-service';
import { address, ensureStoreDefaults, freshCard, freshIp, makeVariant } from './checkout.fixtures';
import { expireReservations } from './expire-orders';
import { placeOrder } from './place-order';
import { releaseMoneyOnCancelledOrder } from './release-money';
import { transitionOrder } from './transition-order';

const getDb = useTestDatabase();
const deps = { publish: async () => {} };

beforeAll(async () => {
  setEventStoreDb(getDb().prisma);
  await ensureStoreDefaults(getDb().prisma);
});

async function authorisedOrder() {
  const db = getDb().prisma;
  const v = await makeVariant(db, { stock: 5, priceCents: 4_200 });
  const { order } = await placeOrder(
    db,
    {
      sessionKey: null,
      lines: [{ variantId: v.variantId, quantity: 1 }],
      email: 'grace@example.com',
      shippingAddress: address,
      paymentMethod: freshCard(),
      idempotencyKey: `rm-${Math.random().toString(36).slice(2)}`,
      ipAddress: freshIp(),
      requestId: 'req-release',
    },
    deps,
  );
  const row = await db.order.findUniqueOrThrow({ where: { id: order.id }, select: { paymentId: true } });
  return { orderId: order.id, paymentId: row.paymentId! };
}

describe('releaseMoneyOnCancelledOrder', () => {
  it('reservation expiry of an order left pending after authorising voids the authorisation, once', async () => {
    const db = getDb().prisma;
    const { orderId, paymentId } = await authorisedOrder();
    expect((await getPayment(db, paymentId)).status).toBe('authorized');
    // The process died after authorising, before the order left pending_payment.
    await db.order.update({ where: { id: orderId }, data: { status: 'pending_payment' } });
    await db.inventoryReservation.updateMany({ where: { orderId }, data: { expiresAt: new Date(Date.now() - 1_000) } });

    const expired = await expireReservations(db);
    expect(expired.cancelledOrderIds).toEqual([orderId]);
    expect(await releaseMoneyOnCancelledOrder(db, orderId)).toEqual({ voided: [paymentId], refunded: [] });
    expect((await getPayment(db, paymentId)).status).toBe('voided');
    // A second trigger (retry, webhook) finds nothing left to release.
    expect(await releaseMoneyOnCancelledOrder(db, orderId)).toEqual({ voided: [], refunded: [] });
    expect(await db.paymentOperation.count({ where: { paymentId, kind: 'void' } })).toBe(1);
  });

  it('a capture that lands on a cancelled order is refunded in full', async () => {
    const db = getDb().prisma;
    const { orderId, paymentId } = await authorisedOrder();
    await transitionOrder(db, orderId, 'cancelled', { reason: 'shopper cancelled', actor: 'support' });
    await capturePayment(db, { paymentId, idempotencyKey: `late-capture-${paymentId}` });

    expect(await releaseMoneyOnCancelledOrder(db, orderId)).toEqual({ voided: [], refunded: [paymentId] });
    const payment = await getPayment(db, paymentId);
    expect(payment.status).toBe('refunded');
    expect(payment.amountRefundedCents).toBe(payment.amountCapturedCents);
    expect(payment.amountRefundedCents).toBeGreaterThan(0);
  });

  it('leaves the money of an order that is not cancelled alone', async () => {
    const db = getDb().prisma;
    const { orderId, paymentId } = await authorisedOrder();
    expect(await releaseMoneyOnCancelledOrder(db, orderId)).toEqual({ voided: [], refunded: [] });
    expect((await getPayment(db, paymentId)).status).toBe('authorized');
  });
});
