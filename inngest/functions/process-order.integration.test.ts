// The order exception flow on the embedded runner and a real database: the happy path, the
// review path (approve, reject, no decision), and a failure injected into each step in turn,
// checking the compensations leave stock, payment and order consistent.
import { emailHash } from '@/server/modules/privacy/contact-fields';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { inngest } from '@/inngest/client';
import { orderPlaced } from '@/inngest/events';
import { functions } from '@/inngest/index';
import { createRunner, type Runner } from '@/inngest/runner/driver';
import { send } from '@/inngest/send';
import { useTestDatabase } from '@/server/db/testing';
import { address, ensureStoreDefaults, freshCard, freshIp, makeVariant } from '@/server/modules/checkout/checkout.fixtures';
import { getOrder } from '@/server/modules/checkout/get-order';
import { placeOrder } from '@/server/modules/checkout/place-order';
import { getPayment } from '@/server/modules/payments/payments-service';
import { transitionOrder } from '@/server/modules/checkout/transition-order';
import { availableStock } from '@/server/modules/inventory/available-stock';
import { decideReview } from '@/server/modules/reviews/decide-review';
import { orderPlacedEvent } from '@/server/modules/checkout/order-placed-event';
import { resumeUnstartedOrders } from '@/server/modules/checkout/resume-unstarted-orders';
import { enqueueReview } from '@/server/modules/reviews/enqueue-review';
import { setOrderFlowFaults } from './process-order.faults';

const getDb = useTestDatabase();
const db = () => getDb().prisma;
let runner: Runner;
let seq = 0;

beforeAll(async () => {
  (globalThis as unknown as { prisma: unknown }).prisma = db();
  await ensureStoreDefaults(db());
  runner = createRunner({ db: db(), client: inngest, functions, pollMs: 10, backoffBaseMs: 5, log: () => undefined });
});
afterEach(() => setOrderFlowFaults([]));

/** Places an order for `qty` of a fresh variant with `stock` units; the flow starts from its event. */
async function placed(opts: { stock?: number; qty?: number; review?: boolean; lost?: boolean } = {}) {
  const v = await makeVariant(db(), { stock: opts.stock ?? 5, priceCents: 4_000 });
  const email = `flow${++seq}@example.com`;
  const r = await placeOrder(
    db(),
    {
      sessionKey: null,
      lines: [{ variantId: v.variantId, quantity: opts.qty ?? 2 }],
      email,
      shippingAddress: address,
      paymentMethod: freshCard(),
      idempotencyKey: `flow-${seq}-${Date.now()}`,
      ipAddress: freshIp(),
      requestId: 'req-flow',
    },
    // Held back so a test can put the order in review before the flow sees it.
    { publish: async () => undefined },
  );
  if (opts.review) await transitionOrder(db(), r.order.id, 'in_review', { reason: 'risk policy: review', actor: 'test' });
  // `lost`: the process died between committing the order and sending its event.
  if (!opts.lost) await send(orderPlacedEvent(r.order.id));
  return { orderId: r.order.id, variantId: v.variantId, email };
}

/** Stored step results of the order's flow that contain `text` (the shopper's email must be in none). */
async function stepsContaining(orderId: string, text: string) {
  const r = await getDb().query<{ n: number; steps: number }>(
    `SELECT count(*) FILTER (WHERE s.data::text ILIKE '%' || $2 || '%')::int AS n, count(*)::int AS steps
       FROM job_steps s JOIN job_runs r ON r.id = s.run_id
      WHERE r.function_id = 'commerce-process-order' AND r.event->'data'->>'orderId' = $1`,
    [orderId, text],
  );
  return r.rows[0]!;
}

async function flowRun(orderId: string) {
  const r = await getDb().query<{ status: string; output: Record<string, unknown> | null }>(
    `SELECT status::text AS status, output FROM job_runs WHERE function_id = 'commerce-process-order' AND event->'data'->>'orderId' = $1`,
    [orderId],
  );
  return r.rows;
}

/** Drives the runner until the flow reaches a status in `want` (or times out). */
async function until(orderId: string, want: string[], timeoutMs = 60_000) {
  const t0 = Date.now();
  for (;;) {
    const runs = await flowRun(orderId);
    if (runs[0] && want.includes(runs[0].status)) return runs[0];
    if (Date.now() - t0 > timeoutMs) throw new Error(`flow for ${orderId} stuck in ${runs[0]?.status ?? 'nothing'}`);
    if ((await runner.tick()) === 0) await new Promise((r) => setTimeout(r, 10));
  }
}

async function stockOf(variantId: string) {
  const v = await db().productVariant.findUniqueOrThrow({ where: { id: variantId } });
  return { onHand: v.stockOnHand, available: (await availableStock(db(), [variantId])).get(variantId) };
}

const staff = { id: 'stf_reviewer', email: 'reviewer@example.com' };

describe('order exception flow', () => {
  it('accepted order: captures, commits stock, confirms; one run however often the event repeats', async () => {
    const { orderId, variantId, email } = await placed({ stock: 5, qty: 2 });
    await send(orderPlaced.create({ orderId }, { id: `again-${orderId}` }));
    const run = await until(orderId, ['completed', 'failed']);
    expect(run.output).toMatchObject({ outcome: 'paid' });
    // The confirmation went to the shopper, yet no stored step result holds their address.
    expect(await db().mailOutbox.count({ where: { toHash: emailHash(email), subject: { contains: orderId } } })).toBe(1);
    expect(await stepsContaining(orderId, email)).toEqual({ n: 0, steps: expect.any(Number) });
    expect((await stepsContaining(orderId, email)).steps).toBeGreaterThanOrEqual(4);
    const order = await getOrder(db(), orderId);
    expect(order.status).toBe('paid');
    expect(order.payment.status).toBe('captured');
    expect(await stockOf(variantId)).toEqual({ onHand: 3, available: 3 });
    for (let i = 0; i < 5; i++) await runner.tick();
    expect(await flowRun(orderId)).toHaveLength(1);
  });

  it('review approved: the order waits in the queue, the decision resumes it, and it is paid', async () => {
    const { orderId, email } = await placed({ review: true });
    await until(orderId, ['waiting']);
    const item = await db().reviewItem.findUniqueOrThrow({ where: { kind_subjectId: { kind: 'order_risk', subjectId: orderId } } });
    expect(item.summary).toMatchObject({ totalCents: expect.any(Number), itemCount: 2, country: 'US' });
    expect((await getOrder(db(), orderId)).status).toBe('in_review');
    await decideReview(db(), staff, { reviewId: item.id, decision: 'approve', note: 'regular customer' });
    const run = await until(orderId, ['completed', 'failed']);
    expect(run.output).toMatchObject({ outcome: 'paid' });
    const order = await getOrder(db(), orderId);
    expect(order.status).toBe('paid');
    expect(order.events.map((e) => e.to)).toEqual(['pending_payment', 'authorized', 'in_review', 'authorized', 'paid']);
    // The wait earned an apology the discount policy bounds (max 15%), refunded on this order.
    const apology = (run.output as { apology: { offered: boolean; amountCents: number; percent: number; policyVersion: string } }).apology;
    expect(apology).toMatchObject({ offered: true, policyVersion: 'discount-policy@v1' });
    expect(apology.percent).toBeGreaterThan(0);
    expect(apology.percent).toBeLessThanOrEqual(15);
    expect(apology.amountCents).toBeLessThanOrEqual(Math.floor(order.subtotalCents * 0.15));
    const payment = await getPayment(db(), order.payment.id!);
    expect(payment.amountRefundedCents).toBe(apology.amountCents);
    expect(payment.status).toBe('captured');
    const offer = await db().discountOffer.findFirstOrThrow({ where: { orderId } });
    expect(offer).toMatchObject({ status: 'redeemed', reason: 'held_order', amountCents: apology.amountCents });
    // "In review" and "confirmed" both reached the shopper; no step result kept the address.
    expect(await db().mailOutbox.count({ where: { toHash: emailHash(email), subject: { contains: orderId } } })).toBe(2);
    expect((await stepsContaining(orderId, email)).n).toBe(0);
  });

  it('review rejected: payment voided, stock released, order cancelled', async () => {
    const { orderId, variantId } = await placed({ stock: 4, qty: 3, review: true });
    expect((await stockOf(variantId)).available).toBe(1);
    await until(orderId, ['waiting']);
    const item = await db().reviewItem.findFirstOrThrow({ where: { subjectId: orderId } });
    await decideReview(db(), staff, { reviewId: item.id, decision: 'reject', note: 'stolen card pattern' });
    const run = await until(orderId, ['completed', 'failed']);
    expect(run.output).toMatchObject({ outcome: 'rejected_by_review' });
    const order = await getOrder(db(), orderId);
    expect(order.status).toBe('cancelled');
    expect(order.payment.status).toBe('voided');
    expect(await stockOf(variantId)).toEqual({ onHand: 4, available: 4 });
  });

  it('no decision: escalates after the SLA, then gives up and cancels', async () => {
    process.env.ORDER_REVIEW_SLA = '1s';
    process.env.ORDER_REVIEW_GIVE_UP = '1s';
    try {
      const { orderId, variantId } = await placed({ review: true });
      const run = await until(orderId, ['completed', 'failed']);
      expect(run.output).toMatchObject({ outcome: 'rejected_by_review', reason: 'no review decision in time' });
      const item = await db().reviewItem.findFirstOrThrow({ where: { subjectId: orderId } });
      expect(item.status).toBe('expired');
      expect(item.escalatedAt).not.toBeNull();
      expect((await getOrder(db(), orderId)).status).toBe('cancelled');
      expect((await stockOf(variantId)).available).toBe(5);
    } finally {
      delete process.env.ORDER_REVIEW_SLA;
      delete process.env.ORDER_REVIEW_GIVE_UP;
    }
  });

  it('an approval made before the flow waits is used at once, not waited for', async () => {
    const { orderId } = await placed({ review: true });
    // The reviewer is quicker than the flow: the item exists and is approved (its announcement
    // sent) before the flow has run a step, so no wait can ever see that announcement.
    const { item } = await enqueueReview(db(), { kind: 'order_risk', subjectId: orderId, score: 70, reasons: ['test'], summary: {}, slaMinutes: 60 });
    await decideReview(db(), staff, { reviewId: item.id, decision: 'approve', note: 'fast reviewer' });
    // The SLA is an hour: without the stored decision this run would sit waiting past the timeout.
    const run = await until(orderId, ['completed', 'failed'], 20_000);
    expect(run.output).toMatchObject({ outcome: 'paid' });
    expect((await getOrder(db(), orderId)).status).toBe('paid');
  });

  it('an approval whose announcement was lost resumes the flow at the SLA instead of cancelling it', async () => {
    process.env.ORDER_REVIEW_SLA = '1s';
    process.env.ORDER_REVIEW_GIVE_UP = '1s';
    try {
      const { orderId } = await placed({ review: true });
      await until(orderId, ['waiting']);
      // decideReview committed, then its send failed: the item is approved, no event exists.
      const item = await db().reviewItem.findFirstOrThrow({ where: { subjectId: orderId } });
      await db().reviewItem.update({ where: { id: item.id }, data: { status: 'approved', decidedBy: staff.id, decidedAt: new Date() } });
      const run = await until(orderId, ['completed', 'failed']);
      expect(run.output).toMatchObject({ outcome: 'paid' });
      const after = await db().reviewItem.findUniqueOrThrow({ where: { id: item.id } });
      expect(after).toMatchObject({ status: 'approved', escalatedAt: null });
      const order = await getOrder(db(), orderId);
      expect(order.status).toBe('paid');
      expect(order.events.map((e) => e.to)).toEqual(['pending_payment', 'authorized', 'in_review', 'authorized', 'paid']);
    } finally {
      delete process.env.ORDER_REVIEW_SLA;
      delete process.env.ORDER_REVIEW_GIVE_UP;
    }
  });

  it('an order whose event was lost is found by the sweep a minute later, and its flow runs once', async () => {
    const { orderId, variantId } = await placed({ stock: 5, qty: 2, lost: true });
    for (let i = 0; i < 5; i++) await runner.tick();
    expect(await flowRun(orderId)).toHaveLength(0);
    expect((await getOrder(db(), orderId)).status).toBe('authorized');
    // Too young: its send may still be on the way.
    expect((await resumeUnstartedOrders(db())).resent).not.toContain(orderId);
    const later = new Date(Date.now() + 2 * 60_000);
    // Every other order of this file had its event stored: only this one is sent again.
    expect(await resumeUnstartedOrders(db(), later)).toEqual({ resent: [orderId] });
    const run = await until(orderId, ['completed', 'failed']);
    expect(run.output).toMatchObject({ outcome: 'paid' });
    expect(await stockOf(variantId)).toEqual({ onHand: 3, available: 3 });
    expect(await resumeUnstartedOrders(db(), later)).toEqual({ resent: [] });
    for (let i = 0; i < 5; i++) await runner.tick();
    expect(await flowRun(orderId)).toHaveLength(1);
  });

  // Each step fails for good in turn; what took effect before it must be undone.
  const cases = [
    { step: 'confirm-stock', review: false, payment: 'voided', status: 'cancelled', onHand: 5 },
    { step: 'queue-for-review', review: true, payment: 'voided', status: 'cancelled', onHand: 5 },
    { step: 'release-hold', review: true, payment: 'voided', status: 'cancelled', onHand: 5 },
    { step: 'capture-payment', review: false, payment: 'voided', status: 'cancelled', onHand: 5 },
    // Money already moved: it goes back as a refund and the units return to the shelf. The
    // provider's own "captured" event may have marked the order paid meanwhile, so it ends
    // refunded (paid first) or cancelled (never paid): either way nobody is charged.
    { step: 'mark-paid', review: false, payment: 'refunded', status: ['refunded', 'cancelled'], onHand: 5 },
    // The provider captured, then the step failed before the flow recorded it: a captured
    // payment cannot be voided, so the compensation refunds it.
    { step: 'capture-payment:after', review: false, payment: 'refunded', status: ['refunded', 'cancelled'], onHand: 5 },
  ] as const;
  for (const c of cases) {
    it(`a failure in ${c.step} compensates the earlier steps (${c.payment}, ${c.status})`, async () => {
      setOrderFlowFaults([c.step]);
      const { orderId, variantId } = await placed({ stock: 5, qty: 2, review: c.review });
      if (c.review && c.step === 'release-hold') {
        await until(orderId, ['waiting']);
        const item = await db().reviewItem.findFirstOrThrow({ where: { subjectId: orderId } });
        await decideReview(db(), staff, { reviewId: item.id, decision: 'approve' });
      }
      const run = await until(orderId, ['completed', 'failed']);
      expect(run.status).toBe('completed');
      expect(run.output).toMatchObject({ outcome: 'compensated', reason: expect.stringContaining(`injected fault in step ${c.step}`) });
      const order = await getOrder(db(), orderId);
      expect(([] as string[]).concat(c.status)).toContain(order.status);
      expect(order.payment.status).toBe(c.payment);
      const stock = await stockOf(variantId);
      expect(stock.onHand).toBe(c.onHand);
      expect(stock.available).toBe(c.onHand);
    });
  }

  it('a confirmation that cannot be sent does not take the money back: the order stays paid', async () => {
    setOrderFlowFaults(['notify-confirmed']);
    const { orderId, variantId } = await placed({ stock: 5, qty: 2 });
    const run = await until(orderId, ['completed', 'failed']);
    expect(run.output).toMatchObject({ outcome: 'paid', notified: false, notifyError: 'injected fault in step notify-confirmed' });
    expect((await getOrder(db(), orderId)).status).toBe('paid');
    expect(await stockOf(variantId)).toEqual({ onHand: 3, available: 3 });
  });
});
