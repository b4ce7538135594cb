// The exception flow's compensations (issue 7): when a step fails after earlier ones took
// effect, the flow undoes them newest first, and a discount redeemed at checkout (a promotion
// code or a recovery offer) is given back. Checked on the embedded runner and a real database
// from the run's recorded steps (what the console's Automations page shows) and from the
// timestamps the effects and their undoing left on the payment, reservations and redemptions.
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { inngest } from '@/inngest/client';
import { orderPlacedEvent } from '@/server/modules/checkout/order-placed-event';
import { createRunner, type Runner } from '@/inngest/runner/driver';
import { send } from '@/inngest/send';
import { useTestDatabase } from '@/server/db/testing';
import { newSessionKey } from '@/server/lib/session-key';
import { attachCartOffer } from '@/server/modules/cart/cart-offer';
import { addItem } from '@/server/modules/cart/modify-cart';
import { applyPaymentUpdate } from '@/server/modules/checkout/apply-payment-update';
import {
  address,
  ensureStoreDefaults,
  freshCard,
  freshIp,
  makeVariant,
} from '@/server/modules/checkout/checkout.fixtures';
import { getOrder } from '@/server/modules/checkout/get-order';
import { placeOrder, type PlaceOrderInput } from '@/server/modules/checkout/place-order';
import { getPayment } from '@/server/modules/payments/payments-service';
import { createPromotion } from '@/server/modules/pricing/promotions';
import { proposeDiscountOffer } from '@/server/modules/pricing/propose-discount-offer';
import { processOrder } from './process-order';
import { setOrderFlowFaults } from './process-order.faults';

const getDb = useTestDatabase();
const db = () => getDb().prisma;
let runner: Runner;
let seq = 0;
const PRICE = 4_000;

beforeAll(async () => {
  (globalThis as unknown as { prisma: unknown }).prisma = db();
  await ensureStoreDefaults(db());
  // The flow alone: the provider's payment updates (apply-payment-update) are applied by the
  // test itself where a case needs them, so which compensation branch runs is not left to a race.
  runner = createRunner({
    db: db(),
    client: inngest,
    functions: [processOrder],
    pollMs: 10,
    backoffBaseMs: 5,
    log: () => undefined,
  });
});
afterEach(() => setOrderFlowFaults([]));

type Placed = {
  orderId: string;
  variantId: string;
  paymentId: string;
  discount: { promotionId?: string; offerId?: string };
};

const baseInput = (email: string) => ({
  email,
  shippingAddress: address,
  paymentMethod: freshCard(),
  idempotencyKey: `comp-${++seq}-${Date.now()}`,
  ipAddress: freshIp(),
  requestId: 'req-compensation',
});

/** Places an accepted order whose flow has not started yet (the test sends the event). */
async function place(input: PlaceOrderInput, variantId: string, discount: Placed['discount']): Promise<Placed> {
  const r = await placeOrder(db(), input, { publish: async () => undefined });
  expect(r.outcome).toBe('placed');
  expect(r.order.discountCents).toBeGreaterThan(0);
  return { orderId: r.order.id, variantId, paymentId: r.order.payment.id!, discount };
}

/** 2 × $40.00 with a 10% promotion code (usage counted on the promotion). */
async function placedWithPromotion(): Promise<Placed> {
  const v = await makeVariant(db(), { stock: 5, priceCents: PRICE });
  const code = `COMP${++seq}`;
  const promo = await createPromotion(db(), {
    name: `Compensation ${code}`,
    code,
    kind: 'percent_off',
    percentOff: 10,
    actor: 'merch',
  });
  expect(promo.pendingApproval).toBeNull();
  const placed = await place(
    {
      ...baseInput(`promo${seq}@example.com`),
      sessionKey: null,
      lines: [{ variantId: v.variantId, quantity: 2 }],
      promoCode: code,
    },
    v.variantId,
    {
      promotionId: promo.id,
    },
  );
  expect(await db().promotion.findUniqueOrThrow({ where: { id: promo.id } })).toMatchObject({ uses: 1 });
  return placed;
}

/** 2 × $40.00 from a cart that carries a recovery offer the discount policy allowed. */
async function placedWithOffer(): Promise<Placed> {
  const v = await makeVariant(db(), { stock: 5, priceCents: PRICE });
  const email = `offer${++seq}@example.com`;
  const sessionKey = newSessionKey();
  const cart = await addItem(db(), sessionKey, { variantId: v.variantId, quantity: 2 });
  const proposed = await proposeDiscountOffer(db(), {
    subject: cart.cartId!,
    reason: 'cart_recovery',
    customerEmail: email,
    lines: [
      {
        variantId: v.variantId,
        productId: v.productId,
        unitPriceCents: PRICE,
        quantity: 2,
        categoryPath: ['Furniture', 'Chairs'],
      },
    ],
  });
  expect(proposed.offer, proposed.reason ?? 'no offer').not.toBeNull();
  await attachCartOffer(db(), { cartId: cart.cartId!, offerId: proposed.offer!.id });
  const placed = await place({ ...baseInput(email), sessionKey }, v.variantId, { offerId: proposed.offer!.id });
  expect(await db().discountOffer.findUniqueOrThrow({ where: { id: proposed.offer!.id } })).toMatchObject({
    status: 'redeemed',
    orderId: placed.orderId,
  });
  return placed;
}

async function flowRun(orderId: string) {
  const r = await getDb().query<{ id: string; status: string; output: Record<string, unknown> | null }>(
    `SELECT id, status::text AS status, output FROM job_runs WHERE function_id = 'commerce-process-order' AND event->'data'->>'orderId' = $1`,
    [orderId],
  );
  return r.rows[0];
}

/** The flow's finished steps in the order they finished (the run's memoised stack). */
async function finishedSteps(orderId: string) {
  const run = await flowRun(orderId);
  if (!run) return [];
  const r = await getDb().query<{ name: string; failed: boolean; ended_at: Date }>(
    `SELECT name, error IS NOT NULL AS failed, ended_at FROM job_steps WHERE run_id = $1 AND ended_at IS NOT NULL ORDER BY ended_at, step_id`,
    [run!.id],
  );
  return r.rows;
}

async function tickUntil<T>(check: () => Promise<T | undefined>, what: string, timeoutMs = 60_000): Promise<T> {
  const t0 = Date.now();
  for (;;) {
    const v = await check();
    if (v !== undefined) return v;
    if (Date.now() - t0 > timeoutMs) throw new Error(`timed out waiting for ${what}`);
    if ((await runner.tick()) === 0) await new Promise((r) => setTimeout(r, 10));
  }
}

const finished = (orderId: string) =>
  tickUntil(async () => {
    const run = await flowRun(orderId);
    return run && ['completed', 'failed'].includes(run.status) ? run : undefined;
  }, `the flow of ${orderId}`);

/** What the placement did, and what the compensations left: every timestamp involved. */
async function effects(p: Placed) {
  const payment = await getPayment(db(), p.paymentId);
  const paymentRow = await db().payment.findUniqueOrThrow({ where: { id: p.paymentId } });
  const reservations = await db().inventoryReservation.findMany({ where: { orderId: p.orderId } });
  const redemptions = await db().promotionRedemption.findMany({ where: { orderId: p.orderId } });
  const offers = await db().discountOffer.findMany({ where: { orderId: p.orderId } });
  const variant = await db().productVariant.findUniqueOrThrow({ where: { id: p.variantId } });
  const order = await getOrder(db(), p.orderId);
  return { payment, paymentRow, reservations, redemptions, offers, variant, order };
}

const ms = (d: Date | null | undefined) => {
  expect(d).toBeInstanceOf(Date);
  return d!.getTime();
};

/** The discount the order redeemed at placement is given back: redemption revoked, use returned / offer revoked. */
async function expectDiscountRevoked(p: Placed, e: Awaited<ReturnType<typeof effects>>) {
  if (p.discount.promotionId) {
    expect(e.redemptions).toHaveLength(1);
    expect(e.redemptions[0]!.revokedAt).toBeInstanceOf(Date);
    expect(await db().promotion.findUniqueOrThrow({ where: { id: p.discount.promotionId } })).toMatchObject({
      uses: 0,
    });
    return e.redemptions[0]!.revokedAt!;
  }
  expect(e.offers).toHaveLength(1);
  expect(e.offers[0]).toMatchObject({ id: p.discount.offerId, status: 'revoked' });
  expect(e.offers[0]!.revokedAt).toBeInstanceOf(Date);
  return e.offers[0]!.revokedAt!;
}

describe('exception flow compensation: reverse order, discounts revoked', () => {
  it('capture fails (promotion code): void the authorisation, then release stock and revoke the redemption, then tell the shopper', async () => {
    setOrderFlowFaults(['capture-payment']);
    const p = await placedWithPromotion();
    await send(orderPlacedEvent(p.orderId));
    const run = await finished(p.orderId);
    expect(run).toMatchObject({ status: 'completed', output: { outcome: 'compensated' } });

    // Forward steps until the failure, then the compensations newest effect first.
    expect((await finishedSteps(p.orderId)).map((s) => `${s.name}${s.failed ? ' ✗' : ''}`)).toEqual([
      'load-order',
      'confirm-stock',
      'capture-payment ✗',
      'compensate-payment',
      'compensate-order',
      'notify-cancelled',
    ]);

    const e = await effects(p);
    expect(e.order.status).toBe('cancelled');
    expect(e.payment.status).toBe('voided');
    expect(e.variant.stockOnHand).toBe(5);
    expect(e.reservations).toMatchObject([{ status: 'released', quantity: 2 }]);
    const revokedAt = await expectDiscountRevoked(p, e);
    // Placement: reserve + redeem (one transaction), then authorise. Undo: void, then release + revoke.
    const reservedAt = ms(e.reservations[0]!.createdAt);
    expect(ms(e.redemptions[0]!.createdAt)).toBeGreaterThanOrEqual(reservedAt);
    expect(ms(e.paymentRow.authorizedAt)).toBeGreaterThanOrEqual(reservedAt);
    expect(ms(e.paymentRow.voidedAt)).toBeGreaterThan(ms(e.paymentRow.authorizedAt));
    expect(ms(revokedAt)).toBeGreaterThanOrEqual(ms(e.paymentRow.voidedAt));
    expect(ms(e.reservations[0]!.releasedAt)).toBe(ms(revokedAt));
    expect(Date.parse(e.order.cancelledAt!)).toBeGreaterThanOrEqual(ms(revokedAt));
  });

  it('marking paid fails after the capture (recovery offer): refund, then release stock and revoke the offer, then tell the shopper', async () => {
    setOrderFlowFaults(['mark-paid']);
    const p = await placedWithOffer();
    await send(orderPlacedEvent(p.orderId));
    const run = await finished(p.orderId);
    expect(run).toMatchObject({ status: 'completed', output: { outcome: 'compensated' } });

    expect((await finishedSteps(p.orderId)).map((s) => `${s.name}${s.failed ? ' ✗' : ''}`)).toEqual([
      'load-order',
      'confirm-stock',
      'capture-payment',
      'mark-paid ✗',
      'compensate-payment',
      'compensate-order',
      'notify-cancelled',
    ]);

    const e = await effects(p);
    // Never marked paid: the money goes back and the order is cancelled, not refunded.
    expect(e.order.status).toBe('cancelled');
    expect(e.payment).toMatchObject({ status: 'refunded', amountRefundedCents: e.order.totalCents });
    expect(e.variant.stockOnHand).toBe(5);
    expect(e.reservations).toMatchObject([{ status: 'released', quantity: 2 }]);
    const revokedAt = await expectDiscountRevoked(p, e);
    expect(ms(e.paymentRow.capturedAt)).toBeGreaterThan(ms(e.paymentRow.authorizedAt));
    expect(ms(e.paymentRow.refundedAt)).toBeGreaterThan(ms(e.paymentRow.capturedAt));
    expect(ms(revokedAt)).toBeGreaterThanOrEqual(ms(e.paymentRow.refundedAt));
    expect(ms(e.reservations[0]!.releasedAt)).toBe(ms(revokedAt));
    expect(e.order.events.map((x) => x.to)).toEqual(['pending_payment', 'authorized', 'cancelled']);
  });

  it('the capture took effect but its step failed (recovery offer): refund, not void, then release stock and revoke the offer', async () => {
    setOrderFlowFaults(['capture-payment:after']);
    const p = await placedWithOffer();
    await send(orderPlacedEvent(p.orderId));
    const run = await finished(p.orderId);
    expect(run).toMatchObject({ status: 'completed', output: { outcome: 'compensated' } });
    expect((await finishedSteps(p.orderId)).map((s) => `${s.name}${s.failed ? ' ✗' : ''}`)).toEqual([
      'load-order',
      'confirm-stock',
      'capture-payment ✗',
      'compensate-payment',
      'compensate-order',
      'notify-cancelled',
    ]);
    const e = await effects(p);
    expect(e.order.status).toBe('cancelled');
    expect(e.payment).toMatchObject({ status: 'refunded', amountRefundedCents: e.order.totalCents });
    expect(e.variant.stockOnHand).toBe(5);
    expect(e.reservations).toMatchObject([{ status: 'released', quantity: 2 }]);
    const revokedAt = await expectDiscountRevoked(p, e);
    expect(ms(e.paymentRow.refundedAt)).toBeGreaterThan(ms(e.paymentRow.capturedAt));
    expect(ms(revokedAt)).toBeGreaterThanOrEqual(ms(e.paymentRow.refundedAt));
  });

  for (const [label, placed] of [
    ['promotion code', placedWithPromotion],
    ['recovery offer', placedWithOffer],
  ] as const)
    it(`the provider's capture webhook marked the order paid before the flow failed (${label}): refunded, restocked, and the discount still revoked`, async () => {
      setOrderFlowFaults(['mark-paid']);
      const p = await placed();
      await send(orderPlacedEvent(p.orderId));
      // Step by step until the capture is recorded, then apply what the provider's
      // payment_intent.captured webhook applies (process-payment-webhook → applyPaymentUpdate).
      await tickUntil(
        async () =>
          (await finishedSteps(p.orderId)).some((s) => s.name === 'capture-payment' && !s.failed) ? true : undefined,
        'the capture',
      );
      expect(
        await applyPaymentUpdate(db(), { paymentId: p.paymentId, orderId: p.orderId, status: 'captured' }),
      ).toMatchObject({ to: 'paid' });
      const run = await finished(p.orderId);
      expect(run).toMatchObject({ status: 'completed', output: { outcome: 'compensated' } });
      expect((await finishedSteps(p.orderId)).map((s) => s.name).slice(-3)).toEqual([
        'compensate-payment',
        'compensate-order',
        'notify-cancelled',
      ]);

      const e = await effects(p);
      expect(e.order.status).toBe('refunded');
      expect(e.order.events.map((x) => x.to)).toEqual(['pending_payment', 'authorized', 'paid', 'refunded']);
      expect(e.payment).toMatchObject({ status: 'refunded', amountRefundedCents: e.order.totalCents });
      expect(e.variant.stockOnHand).toBe(5);
      expect(e.reservations).toMatchObject([{ status: 'released', quantity: 2 }]);
      const revokedAt = await expectDiscountRevoked(p, e);
      expect(ms(revokedAt)).toBeGreaterThanOrEqual(ms(e.paymentRow.refundedAt));
    });
});
