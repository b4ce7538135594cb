// The Stripe provider: the real `stripe` SDK against a local server speaking the Stripe API
// endpoints we use (testing/fake-stripe-server.ts), and Stripe's signed webhooks through the
// webhook route verified with the SDK's constructEvent.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { useTestDatabase } from '@/server/db/testing';
import { applyWebhookEvent } from './apply-webhook';
import { authorizePayment, capturePayment, refundPayment, voidPayment } from './payments-service';
import { activeProvider } from './providers';
import { startFakeStripe, type FakeStripe } from './testing/fake-stripe-server';
import { signedHeaders } from './testing/webhook-fixtures';

const SECRET_KEY = 'sk_test_fake_0123456789';
const WEBHOOK_SECRET = 'whsec_test_fake_0123456789';
const getDb = useTestDatabase();
let fake: FakeStripe;
let POST: (req: Request, ctx: { params: Promise<{ provider: string }> }) => Promise<Response>;

beforeAll(async () => {
  (globalThis as unknown as { prisma: unknown }).prisma = getDb().prisma;
  fake = await startFakeStripe({ secretKey: SECRET_KEY });
  Object.assign(process.env, {
    STRIPE_SECRET_KEY: SECRET_KEY,
    STRIPE_WEBHOOK_SECRET: WEBHOOK_SECRET,
    STRIPE_API_BASE: fake.url,
  });
  ({ POST } = await import('@/app/api/webhooks/payments/[provider]/route'));
});
afterAll(async () => {
  delete process.env.STRIPE_SECRET_KEY;
  await fake?.close();
});

const db = () => getDb().prisma;
const authorize = (pm: string, key: string, amountCents = 20_000) =>
  authorizePayment(db(), {
    orderId: `ord_${key}`,
    amountCents,
    currency: 'EUR',
    paymentMethod: pm,
    email: 'eve@example.com',
    idempotencyKey: key,
  });
const postEvent = (event: unknown, secret = WEBHOOK_SECRET) => {
  const body = JSON.stringify(event);
  return POST(
    new Request('http://test/api/webhooks/payments/stripe', {
      method: 'POST',
      body,
      headers: signedHeaders(body, secret),
    }),
    { params: Promise.resolve({ provider: 'stripe' }) },
  );
};

describe('Stripe provider (official SDK against a local Stripe API)', () => {
  it('is the active provider when both keys are set', () => {
    expect(activeProvider().name).toBe('stripe');
  });

  it('authorises with manual capture, captures, refunds partly then fully, passing idempotency keys to Stripe', async () => {
    const p = await authorize('pm_card_visa', 'stripe-auth-0001');
    expect(p).toMatchObject({
      provider: 'stripe',
      status: 'authorized',
      brand: 'visa',
      last4: '4242',
      cardFingerprint: 'Xt5EWLLDS7FJjR1c',
    });
    const create = fake.requests.find((r) => r.path === '/v1/payment_intents')!;
    expect(create).toMatchObject({
      idempotencyKey: 'authorize:stripe-auth-0001',
      params: {
        amount: '20000',
        currency: 'eur',
        capture_method: 'manual',
        confirm: 'true',
        payment_method: 'pm_card_visa',
        metadata: { paymentId: p.paymentId, orderId: 'ord_stripe-auth-0001' },
      },
    });
    // Same key: the first result, without asking Stripe again.
    const before = fake.requests.length;
    expect((await authorize('pm_card_visa', 'stripe-auth-0001')).paymentId).toBe(p.paymentId);
    expect(fake.requests.length).toBe(before);

    // Stripe answers 500 once; the SDK retries with the same Idempotency-Key.
    const pi = (await db().payment.findUniqueOrThrow({ where: { id: p.paymentId } })).providerPaymentId!;
    fake.failNext(`/v1/payment_intents/${pi}/capture`);
    expect(await capturePayment(db(), { paymentId: p.paymentId, idempotencyKey: 'stripe-capture-0001' })).toMatchObject(
      { status: 'captured', amountCapturedCents: 20_000 },
    );
    const captures = fake.requests.filter((r) => r.path.endsWith('/capture'));
    expect(captures.map((r) => [r.status, r.idempotencyKey])).toEqual([
      [500, 'capture:stripe-capture-0001'],
      [200, 'capture:stripe-capture-0001'],
    ]);
    expect(fake.intents.get(pi)!.status).toBe('succeeded');

    expect(
      await refundPayment(db(), { paymentId: p.paymentId, amountCents: 5_000, idempotencyKey: 'stripe-refund-0001' }),
    ).toMatchObject({ status: 'captured', amountRefundedCents: 5_000 });
    expect(await refundPayment(db(), { paymentId: p.paymentId, idempotencyKey: 'stripe-refund-0002' })).toMatchObject({
      status: 'refunded',
      amountRefundedCents: 20_000,
    });
    expect(
      fake.requests.filter((r) => r.path === '/v1/refunds').map((r) => [r.params.amount, r.idempotencyKey]),
    ).toEqual([
      ['5000', 'refund:stripe-refund-0001'],
      ['15000', 'refund:stripe-refund-0002'],
    ]);
  });

  it('reports declines as results and voids with cancel', async () => {
    expect(await authorize('pm_card_chargeDeclinedInsufficientFunds', 'stripe-auth-0002')).toMatchObject({
      status: 'declined',
      declineCode: 'insufficient_funds',
      message: 'Your card was declined.',
    });
    expect(await authorize('pm_card_chargeDeclined', 'stripe-auth-0003')).toMatchObject({
      status: 'declined',
      declineCode: 'generic_decline',
    });
    const p = await authorize('pm_card_mastercard', 'stripe-auth-0004');
    expect(await voidPayment(db(), { paymentId: p.paymentId, idempotencyKey: 'stripe-void-0001' })).toMatchObject({
      status: 'voided',
    });
    const cancel = fake.requests.find((r) => r.path.endsWith('/cancel'))!;
    expect(cancel).toMatchObject({ idempotencyKey: 'void:stripe-void-0001', status: 200 });
    // 3-D Secure required: this checkout cannot complete it, so the payment fails and the
    // open intent is cancelled at Stripe instead of being left to expire.
    const action = await authorize('pm_card_authenticationRequired', 'stripe-auth-0006');
    expect(action).toMatchObject({ status: 'failed', declineCode: 'requires_action' });
    const abandoned = fake.requests.find((r) => r.idempotencyKey === 'cancel-unfinished:stripe-auth-0006')!;
    expect(abandoned).toMatchObject({ method: 'POST', status: 200, params: { cancellation_reason: 'abandoned' } });
    expect(abandoned.path).toMatch(/^\/v1\/payment_intents\/pi_[^/]+\/cancel$/);
    // An unknown PaymentMethod is the caller's error (422), not a decline, and leaves nothing authorised.
    await expect(authorize('pm_card_unknown', 'stripe-auth-0005')).rejects.toThrow(
      /paymentMethod: No such PaymentMethod/,
    );
  });

  it('verifies Stripe-signed webhooks with constructEvent and applies them without changing settled payments', async () => {
    expect(fake.events.length).toBeGreaterThanOrEqual(8);
    const forged = await postEvent(fake.events[0], 'whsec_wrong');
    expect(forged.status).toBe(400);
    for (const event of fake.events) {
      const res = await postEvent(event);
      expect(res.status).toBe(200);
      await applyWebhookEvent(db(), ((await res.json()) as { inboxId: string }).inboxId);
    }
    const inbox = await db().paymentWebhookInbox.findMany({ where: { provider: 'stripe' } });
    expect(inbox).toHaveLength(fake.events.length);
    expect(inbox.every((r) => r.status === 'processed')).toBe(true);
    const statuses = await db().payment.findMany({
      where: { provider: 'stripe' },
      select: { status: true },
      orderBy: { createdAt: 'asc' },
    });
    expect(statuses.map((s) => s.status)).toEqual(['refunded', 'declined', 'declined', 'voided', 'failed', 'pending']);
  });
});
