// Cart recovery on the embedded runner with short durations (1 s delay and reminder): a
// treated cart gets the email and a reminder; a cart that checks out stops the flow; the
// holdout and carts without consent get nothing; the report compares arms with intervals.
import { beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';

vi.hoisted(() => {
  process.env.RECOVERY_DEBOUNCE = '1s';
});

import { inngest } from '@/inngest/client';
import { functions } from '@/inngest/index';
import { createRunner, type Runner } from '@/inngest/runner/driver';
import { runUntilFinished, tickUntil } from '@/inngest/runner/wait-for-run';
import { useTestDatabase } from '@/server/db/testing';
import { newSessionKey } from '@/server/lib/session-key';
import { addItem } from '@/server/modules/cart/modify-cart';
import { address, ensureStoreDefaults, freshCard, GOOD_CARD, makeVariant } from '@/server/modules/checkout/checkout.fixtures';
import { placeOrder } from '@/server/modules/checkout/place-order';
import { getPublishedPolicy } from '@/server/modules/policies/policy-versions';
import { offerPercentText } from '@/server/modules/pricing/price-cart';
import { twoProportionZTest } from '@/server/modules/experiments/stats/proportions';
import { armFor } from '@/server/modules/recovery/assign-arm';
import { recordCheckoutCompleted } from '@/server/modules/recovery/checkout-completed';
import { recoveryReport } from '@/server/modules/recovery/recovery-report';
import { rememberCheckoutContact } from '@/server/modules/recovery/remember-contact';
import { newId } from '@/server/lib/ids';
import { emailHash } from '@/server/modules/privacy/contact-fields';

const getDb = useTestDatabase();
const db = () => getDb().prisma;
let runner: Runner;

beforeAll(async () => {
  (globalThis as unknown as { prisma: unknown }).prisma = db();
  runner = createRunner({ db: db(), client: inngest, functions, pollMs: 20, backoffBaseMs: 50, log: () => undefined });
  await ensureStoreDefaults(db());
});
beforeEach(() => {
  process.env.RECOVERY_DELAY = '1s';
  process.env.RECOVERY_REMINDER_DELAY = '1s';
  process.env.RECOVERY_HOLDOUT_SHARE = '0.5';
  process.env.RECOVERY_DISCOUNT = 'off';
});

/** A shopper's cart with one item that the hash puts in `arm` (at a 50% holdout). */
async function cartIn(arm: 'treatment' | 'holdout') {
  const v = await makeVariant(db(), { stock: 20, priceCents: 12_500 });
  for (;;) {
    const sessionKey = newSessionKey();
    const cart = await addItem(db(), sessionKey, { variantId: v.variantId, quantity: 2 });
    if (armFor(cart.cartId!, 0.5) === arm) return { sessionKey, cartId: cart.cartId!, totalCents: cart.totalCents };
    await db().cart.delete({ where: { id: cart.cartId! } });
  }
}
const runFor = (cartId: string) => runUntilFinished(runner, getDb(), 'cart-recovery', { where: `event->'data'->>'cartId' = '${cartId}'` });
const recoveryMails = (to: string) => db().mailOutbox.findMany({ where: { kind: 'cart_recovery', toHash: emailHash(to) }, orderBy: { id: 'asc' } });

describe('cart recovery flow', () => {
  it('sends a treated cart the recovery email with a link back, a discount bounded by the policy, then a reminder', async () => {
    process.env.RECOVERY_DISCOUNT = 'on';
    const c = await cartIn('treatment');
    await rememberCheckoutContact(db(), c.sessionKey, { email: 'treated@example.com', marketingConsent: true });
    const run = await runFor(c.cartId);
    expect(run.status).toBe('completed');
    expect(run.output).toMatchObject({ outcome: 'reminded' });
    const attempt = await db().cartRecoveryAttempt.findUniqueOrThrow({ where: { cartId: c.cartId } });
    expect(attempt).toMatchObject({ arm: 'treatment', holdoutShare: 0.5, policyVersion: 'env', cartValueCents: c.totalCents, convertedOrderId: null });
    expect(attempt.firstSentAt).toBeInstanceOf(Date);
    expect(attempt.reminderSentAt!.getTime()).toBeGreaterThanOrEqual(attempt.firstSentAt!.getTime() + 900);
    const mails = await recoveryMails('treated@example.com');
    expect(mails.map((m) => m.subject)).toEqual(['You left something in your cart', 'Your cart is still waiting']);
    expect(mails.map((m) => m.id)).toEqual([attempt.firstMailId, attempt.reminderMailId]);
    expect(mails[0]!.textBody).toContain(`/cart/recover/${attempt.id}`);
    expect(mails[0]!.textBody).toContain('2 × Test product');
    // The offer, when the model proposes one, is bounded by the published discount policy.
    const policy = await getPublishedPolicy(db(), 'discount');
    if (attempt.offerId) {
      expect(attempt.offerPercent!).toBeLessThanOrEqual(policy!.body.maxPercent);
      expect(attempt.offerPolicyVersion).toBeTruthy();
      expect(mails[0]!.textBody).toContain(`${offerPercentText(attempt.offerPercent!)}% off`);
    } else {
      expect(attempt.offerPolicyVersion).toBeNull();
    }
    // The dev mailbox delivered both (no SMTP configured).
    await tickUntil(runner, async () => ((await recoveryMails('treated@example.com')).every((m) => m.status === 'stored') ? true : undefined));
  });

  it('stops when the cart checks out before the delay: no attempt, no email', async () => {
    process.env.RECOVERY_DELAY = '30s';
    const c = await cartIn('treatment');
    await rememberCheckoutContact(db(), c.sessionKey, { email: 'quick@example.com', marketingConsent: true });
    // The run is waiting for checkout.
    await tickUntil(runner, async () => {
      const r = await getDb().query<{ n: number }>(`SELECT count(*)::int AS n FROM job_waits w JOIN job_runs r ON r.id = w.run_id WHERE w.kind = 'wait' AND r.event->'data'->>'cartId' = $1`, [c.cartId]);
      return r.rows[0]!.n > 0 ? true : undefined;
    });
    const placed = await placeOrder(
      db(),
      { sessionKey: c.sessionKey, email: 'quick@example.com', shippingAddress: address, paymentMethod: freshCard(), idempotencyKey: `rec-${newId('k')}`, ipAddress: null, requestId: null },
      { publish: async () => undefined },
    );
    await recordCheckoutCompleted(db(), { sessionKey: c.sessionKey, orderId: placed.order.id, totalCents: placed.order.totalCents });
    const run = await runFor(c.cartId);
    expect(['cancelled', 'completed']).toContain(run.status);
    if (run.status === 'completed') expect(run.output).toMatchObject({ outcome: 'converted' });
    expect(await db().cartRecoveryAttempt.count({ where: { cartId: c.cartId } })).toBe(0);
    expect(await recoveryMails('quick@example.com')).toHaveLength(0);
  });

  it('records a conversion after the email and sends no reminder', async () => {
    process.env.RECOVERY_REMINDER_DELAY = '30s';
    const c = await cartIn('treatment');
    await rememberCheckoutContact(db(), c.sessionKey, { email: 'back@example.com', marketingConsent: true });
    const attempt = await tickUntil(runner, async () => (await db().cartRecoveryAttempt.findFirst({ where: { cartId: c.cartId, firstMailId: { not: null } } })) ?? undefined);
    const placed = await placeOrder(
      db(),
      { sessionKey: c.sessionKey, email: 'back@example.com', shippingAddress: address, paymentMethod: GOOD_CARD, idempotencyKey: `rec-${newId('k')}`, ipAddress: null, requestId: null },
      { publish: async () => undefined },
    );
    expect(placed.outcome).toMatch(/placed|in_review/);
    const done = await recordCheckoutCompleted(db(), { sessionKey: c.sessionKey, orderId: placed.order.id, totalCents: placed.order.totalCents });
    expect(done).toEqual({ cartIds: [c.cartId], converted: 1 });
    const run = await runFor(c.cartId);
    expect(['cancelled', 'completed']).toContain(run.status);
    const after = await db().cartRecoveryAttempt.findUniqueOrThrow({ where: { id: attempt.id } });
    expect(after).toMatchObject({ convertedOrderId: placed.order.id, revenueCents: placed.order.totalCents, reminderMailId: null });
    expect(await recoveryMails('back@example.com')).toHaveLength(1);
  });

  it('gives the holdout nothing but records it in the experiment', async () => {
    const c = await cartIn('holdout');
    await rememberCheckoutContact(db(), c.sessionKey, { email: 'held@example.com', marketingConsent: true });
    const run = await runFor(c.cartId);
    expect(run).toMatchObject({ status: 'completed', output: { outcome: 'holdout' } });
    expect(await db().cartRecoveryAttempt.findUniqueOrThrow({ where: { cartId: c.cartId } })).toMatchObject({ arm: 'holdout', firstMailId: null });
    expect(await recoveryMails('held@example.com')).toHaveLength(0);
  });

  it('sends nothing to a shopper who did not consent', async () => {
    const c = await cartIn('treatment');
    await rememberCheckoutContact(db(), c.sessionKey, { email: 'private@example.com' });
    const run = await runFor(c.cartId);
    expect(run).toMatchObject({ status: 'completed', output: { outcome: 'skipped', reason: 'no_consent' } });
    expect(await db().cartRecoveryAttempt.count({ where: { cartId: c.cartId } })).toBe(0);
    expect(await recoveryMails('private@example.com')).toHaveLength(0);
  });
});

describe('recovery report', () => {
  it('compares treated carts with the holdout: conversion and revenue per cart with intervals', async () => {
    await db().cartRecoveryAttempt.deleteMany();
    const rows = [
      ...Array.from({ length: 100 }, (_, i) => ({ arm: 'treatment', converted: i < 20, revenue: i < 20 ? 10_000 : 0 })),
      ...Array.from({ length: 100 }, (_, i) => ({ arm: 'holdout', converted: i < 10, revenue: i < 10 ? 10_000 : 0 })),
    ];
    await db().cartRecoveryAttempt.createMany({
      data: rows.map((r, i) => ({
        id: newId('rca'),
        cartId: `cart_report_${i}`,
        sessionKey: `v_${i}`,
        arm: r.arm,
        holdoutShare: 0.5,
        firstMailId: r.arm === 'treatment' ? `mail_${i}` : null,
        convertedOrderId: r.converted ? `ord_${i}` : null,
        revenueCents: r.revenue,
      })),
    });
    const report = await recoveryReport(db(), { days: 30 });
    expect(report.treatment).toMatchObject({ carts: 100, conversions: 20, conversionRate: 0.2, revenueCents: 200_000, revenuePerCartCents: 2_000, emailsSent: 100 });
    expect(report.holdout).toMatchObject({ carts: 100, conversions: 10, conversionRate: 0.1, revenueCents: 100_000, revenuePerCartCents: 1_000, emailsSent: 0 });
    // 0.2 − 0.1 ± 1.96 × √(0.2·0.8/100 + 0.1·0.9/100) = 0.1 ± 0.098
    expect(report.conversionDifference!.estimate).toBeCloseTo(0.1, 10);
    expect(report.conversionDifference!.ci.low).toBeCloseTo(0.002, 3);
    expect(report.conversionDifference!.ci.high).toBeCloseTo(0.198, 3);
    expect(report.conversionDifference!.ci).toEqual(twoProportionZTest({ successes: 10, n: 100 }, { successes: 20, n: 100 }).absoluteCi);
    expect(report.revenuePerCartDifference!.estimateCents).toBeCloseTo(1_000, 6);
    expect(report.revenuePerCartDifference!.ci.low).toBeGreaterThan(0);
    expect(report.incrementalRevenueCents!.estimate).toBeCloseTo(100_000, 4);
  });

  it('says there is not enough data instead of an interval when an arm is empty', async () => {
    await db().cartRecoveryAttempt.deleteMany({ where: { arm: 'holdout' } });
    const report = await recoveryReport(db(), { days: 30 });
    expect(report.enoughData).toBe(false);
    expect(report.conversionDifference).toBeNull();
  });
});
