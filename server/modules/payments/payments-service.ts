// CONTRACT (owned by the payments module). Checkout and the order exception flow call these;
// the payments module replaces the bodies with the PaymentProvider (local by default, Stripe
// when keys are configured), its payments table and idempotency.
import { createHash } from 'node:crypto';
import type { Db } from '@/server/db/client';

export type PaymentStatus = 'authorized' | 'declined' | 'captured' | 'voided' | 'refunded' | 'failed';

export type AuthorizeInput = {
  orderId: string;
  amountCents: number;
  currency: string;
  /** Local provider: a test card number; Stripe: a PaymentMethod id (pm_…). */
  paymentMethod: string;
  email: string;
  idempotencyKey: string;
};

export type PaymentResult = {
  paymentId: string;
  provider: string;
  status: PaymentStatus;
  declineCode: string | null;
  message: string | null;
  cardFingerprint: string | null;
  last4: string | null;
  brand: string | null;
};

export async function authorizePayment(_db: Db, input: AuthorizeInput): Promise<PaymentResult> {
  const declined = input.paymentMethod.replace(/\s/g, '') === '4000000000000002';
  return {
    paymentId: `pay_${input.orderId}`,
    provider: 'local',
    status: declined ? 'declined' : 'authorized',
    declineCode: declined ? 'card_declined' : null,
    message: declined ? 'Your card was declined.' : null,
    cardFingerprint: createHash('sha256').update(input.paymentMethod).digest('hex').slice(0, 16),
    last4: input.paymentMethod.slice(-4),
    brand: 'visa',
  };
}

export async function capturePayment(_db: Db, input: { paymentId: string; idempotencyKey: string }): Promise<PaymentResult> {
  return stub(input.paymentId, 'captured');
}

export async function voidPayment(_db: Db, input: { paymentId: string; idempotencyKey: string }): Promise<PaymentResult> {
  return stub(input.paymentId, 'voided');
}

export async function refundPayment(
  _db: Db,
  input: { paymentId: string; amountCents?: number; idempotencyKey: string },
): Promise<PaymentResult> {
  return stub(input.paymentId, 'refunded');
}

function stub(paymentId: string, status: PaymentStatus): PaymentResult {
  return { paymentId, provider: 'local', status, declineCode: null, message: null, cardFingerprint: null, last4: null, brand: null };
}
