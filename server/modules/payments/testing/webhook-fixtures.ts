// Test helpers: Stripe-shaped events for a payment, signed like a provider signs them, and a
// payment row in a given state (the module's own table; tests only).
import type { Db } from '@/server/db/client';
import { newId } from '@/server/lib/ids';
import type { StoredPaymentStatus } from '../payment-status';
import { signPayload } from '../webhook-signature';

export type PaymentRef = { id: string; orderId: string; providerPaymentId: string; amountCents: number };

export async function insertPayment(
  db: Db,
  opts: { provider?: string; status?: StoredPaymentStatus; amountCents?: number; ref?: PaymentRef } = {},
): Promise<PaymentRef> {
  const ref = opts.ref ?? {
    id: newId('pay'),
    orderId: newId('ord'),
    providerPaymentId: newId('lpi'),
    amountCents: opts.amountCents ?? 12_500,
  };
  const id = ref.id;
  await db.payment.create({
    data: {
      id,
      orderId: ref.orderId,
      provider: opts.provider ?? 'local',
      providerPaymentId: ref.providerPaymentId,
      idempotencyKey: `fixture-${id}`,
      requestHash: 'fixture',
      amountCents: ref.amountCents,
      currency: 'usd',
      status: opts.status ?? 'pending',
    },
  });
  return ref;
}

const intent = (p: PaymentRef, extra: Record<string, unknown> = {}) => ({
  id: p.providerPaymentId,
  object: 'payment_intent',
  amount: p.amountCents,
  currency: 'usd',
  metadata: { paymentId: p.id, orderId: p.orderId },
  ...extra,
});

function event(type: string, object: Record<string, unknown>, id = newId('evt')) {
  return { id, object: 'event', type, created: Math.floor(Date.now() / 1000), livemode: false, data: { object } };
}

export const events = {
  authorized: (p: PaymentRef) =>
    event('payment_intent.amount_capturable_updated', intent(p, { status: 'requires_capture' })),
  captured: (p: PaymentRef) =>
    event('payment_intent.succeeded', intent(p, { status: 'succeeded', amount_received: p.amountCents })),
  voided: (p: PaymentRef) => event('payment_intent.canceled', intent(p, { status: 'canceled' })),
  declined: (p: PaymentRef) =>
    event(
      'payment_intent.payment_failed',
      intent(p, {
        status: 'requires_payment_method',
        last_payment_error: {
          type: 'card_error',
          code: 'card_declined',
          decline_code: 'insufficient_funds',
          message: 'Insufficient funds.',
        },
      }),
    ),
  refunded: (p: PaymentRef, amountRefunded = p.amountCents) =>
    event('charge.refunded', {
      id: `ch_${p.id}`,
      object: 'charge',
      payment_intent: p.providerPaymentId,
      amount: p.amountCents,
      amount_captured: p.amountCents,
      amount_refunded: amountRefunded,
      refunded: amountRefunded >= p.amountCents,
      metadata: { paymentId: p.id, orderId: p.orderId },
    }),
  other: (type: string, object: Record<string, unknown> = { id: 'cus_1', object: 'customer' }) => event(type, object),
};

export function signedHeaders(body: string, secret: string, timestampSeconds?: number): Record<string, string> {
  return { 'content-type': 'application/json', 'stripe-signature': signPayload(body, secret, timestampSeconds) };
}

/** A seeded shuffle (mulberry32), so a failing order can be reproduced. */
export function shuffle<T>(items: T[], seed: number): T[] {
  let a = seed >>> 0;
  const rand = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const out = [...items];
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(rand() * (i + 1));
    [out[i], out[j]] = [out[j]!, out[i]!];
  }
  return out;
}
