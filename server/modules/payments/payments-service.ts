// The payments service (contract used by checkout and the order exception flow): authorise
// with manual capture, capture, void and refund, each idempotent by key. Every status change
// sends paymentUpdated (inngest/events.ts). The provider is Stripe when configured, else the
// local provider (providers.ts); a payment always returns to the provider that made it.
import { createHmac } from 'node:crypto';
import { sendTogether } from '@/inngest/send';
import { withTx, type Db } from '@/server/db/client';
import { withSpan } from '@/server/observability/tracing';
import type { Payment } from '@/server/db/generated/client';
import { ConflictError, NotFoundError } from '@/server/errors';
import { newId } from '@/server/lib/ids';
import { advancePayment, publishPaymentStatus } from './advance-payment';
import { claimPayment, recordAuthorization, type PaymentRow } from './authorize-statements';
import { PaymentProviderError, type PaymentProvider } from './payment-provider';
import { fingerprintKey } from './payments-config';
import { authorizeInput, paymentOperationInput, refundInput } from './payments.schema';
import { activeProvider, paymentProvider } from './providers';

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
  orderId?: string;
  amountCents?: number;
  amountCapturedCents?: number;
  amountRefundedCents?: number;
  /** The provider's id for the operation that returned this (a refund's re_…/lre_…). */
  operationRef?: string | null;
};

function toResult(p: PaymentRow): PaymentResult {
  return {
    paymentId: p.id,
    provider: p.provider,
    // A pending row is an authorisation still in flight (or whose provider call died): report
    // it as failed rather than inventing a status the contract does not have.
    status: p.status === 'pending' ? 'failed' : p.status,
    declineCode: p.declineCode,
    message:
      p.status === 'pending' ? 'The authorisation did not complete; retry with the same idempotency key.' : p.message,
    cardFingerprint: p.fingerprint,
    last4: p.last4,
    brand: p.brand,
    orderId: p.orderId,
    amountCents: p.amountCents,
    amountCapturedCents: p.amountCapturedCents,
    amountRefundedCents: p.amountRefundedCents,
  };
}

function providerOf(p: Pick<PaymentRow, 'id' | 'provider'>): PaymentProvider {
  const provider = paymentProvider(p.provider);
  if (!provider)
    throw new PaymentProviderError(p.provider, `payment ${p.id} was made with ${p.provider}, which is not configured`);
  return provider;
}

/**
 * Authorises (holds) the amount. The same idempotency key and body returns the first result
 * without charging again; the same key with another body is a 409. A repeat after a crash
 * mid-call asks the provider again with the same key, which the provider deduplicates.
 */
export async function authorizePayment(db: Db, input: AuthorizeInput): Promise<PaymentResult> {
  const data = authorizeInput.parse(input);
  // Keyed, so the stored hash of a card number cannot be brute-forced without the key.
  const requestHash = createHmac('sha256', fingerprintKey())
    .update(
      JSON.stringify([data.orderId, data.amountCents, data.currency, data.paymentMethod, data.email.toLowerCase()]),
    )
    .digest('hex');
  const fresh = activeProvider();
  // One statement (INSERT … ON CONFLICT … RETURNING): the new row, or the one an earlier call
  // made. On the pg pool, as is the provider's answer below (authorize-statements.ts, ADR 037).
  const payment = await claimPayment(db, {
    id: newId('pay'),
    orderId: data.orderId,
    provider: fresh.name,
    idempotencyKey: data.idempotencyKey,
    requestHash,
    amountCents: data.amountCents,
    currency: data.currency,
    // No email on the row (ADR 034): the provider gets it with this call, the order keeps it sealed.
  });
  if (payment.requestHash !== requestHash) {
    throw new ConflictError('idempotencyKey was already used for a different payment request', {
      idempotencyKey: data.idempotencyKey,
    });
  }
  if (payment.status !== 'pending') {
    await publishPaymentStatus(payment);
    return toResult(payment);
  }

  const provider = providerOf(payment);
  // The provider's events (the local provider's webhook delivery) and the status update are
  // stored in one insert when this ends (embedded mode; ADR 037).
  return sendTogether(async () => {
    const auth = await providerSpan('authorize', provider.name, payment.id, () =>
      provider.authorize({ db }, { ...data, paymentId: payment.id, idempotencyKey: data.idempotencyKey }),
    );
    // Card details, the provider id and the status in one statement (a webhook may already have
    // moved the status on: it then stays where it is); the row as it now is comes back.
    const after = await recordAuthorization(db, payment.id, auth);
    await publishPaymentStatus(after);
    return toResult(after);
  });
}

type Operation = 'capture' | 'void' | 'refund';

/**
 * Runs one capture/void/refund under its idempotency key: the first call acts, repeats
 * return the payment as it is now. A key reused for another payment or action is a 409.
 */
async function runOperation(
  db: Db,
  kind: Operation,
  input: { paymentId: string; idempotencyKey: string; amountCents?: number },
  act: (payment: Payment, provider: PaymentProvider) => Promise<{ providerRef?: string | null }>,
): Promise<PaymentResult> {
  const payment = await db.payment.findUnique({ where: { id: input.paymentId } });
  if (!payment) throw new NotFoundError('Payment', input.paymentId);
  await db.paymentOperation.createMany({
    data: [
      {
        id: newId('pop'),
        paymentId: payment.id,
        kind,
        idempotencyKey: input.idempotencyKey,
        amountCents: input.amountCents ?? null,
      },
    ],
    skipDuplicates: true,
  });
  const op = await db.paymentOperation.findUniqueOrThrow({ where: { idempotencyKey: input.idempotencyKey } });
  if (op.paymentId !== payment.id || op.kind !== kind || (op.amountCents ?? null) !== (input.amountCents ?? null)) {
    throw new ConflictError(`idempotencyKey was already used for a ${op.kind} of payment ${op.paymentId}`, {
      idempotencyKey: input.idempotencyKey,
    });
  }
  let operationRef = op.providerRef;
  if (op.status !== 'succeeded') {
    try {
      const r = await act(payment, providerOf(payment));
      operationRef = r.providerRef ?? null;
      await db.paymentOperation.update({
        where: { id: op.id },
        data: { status: 'succeeded', providerRef: r.providerRef ?? null, error: null, completedAt: new Date() },
      });
    } catch (err) {
      await db.paymentOperation.update({
        where: { id: op.id },
        data: { status: 'failed', error: err instanceof Error ? err.message : String(err) },
      });
      throw err;
    }
  }
  const after = await db.payment.findUniqueOrThrow({ where: { id: payment.id } });
  await publishPaymentStatus(after);
  return { ...toResult(after), operationRef };
}

function refIn(p: Payment, idempotencyKey: string) {
  if (!p.providerPaymentId) throw new ConflictError(`payment ${p.id} has no provider payment yet (status ${p.status})`);
  return {
    paymentId: p.id,
    orderId: p.orderId,
    providerPaymentId: p.providerPaymentId,
    currency: p.currency,
    idempotencyKey,
  };
}

/** Captures the full authorised amount. Already captured (by us or a webhook): returns it as is. */
export async function capturePayment(
  db: Db,
  input: { paymentId: string; idempotencyKey: string },
): Promise<PaymentResult> {
  const data = paymentOperationInput.parse(input);
  return runOperation(db, 'capture', data, async (p, provider) => {
    if (p.status === 'captured' || p.status === 'refunded') return {};
    if (p.status !== 'authorized')
      throw new ConflictError(`cannot capture a ${p.status} payment`, { paymentId: p.id, status: p.status });
    const r = await providerSpan('capture', provider.name, p.id, () => provider.capture({ db }, { ...refIn(p, data.idempotencyKey), amountCents: p.amountCents }));
    await advancePayment(db, p.id, { to: 'captured', amountCapturedCents: r.amountCapturedCents });
    return {};
  });
}

/** Releases an uncaptured authorisation. Captured payments need a refund instead (409). */
export async function voidPayment(
  db: Db,
  input: { paymentId: string; idempotencyKey: string },
): Promise<PaymentResult> {
  const data = paymentOperationInput.parse(input);
  return runOperation(db, 'void', data, async (p, provider) => {
    if (p.status === 'voided') return {};
    if (p.status !== 'authorized') {
      const hint = p.status === 'captured' ? '; refund it instead' : '';
      throw new ConflictError(`cannot void a ${p.status} payment${hint}`, { paymentId: p.id, status: p.status });
    }
    await providerSpan('void', provider.name, p.id, () => provider.void({ db }, refIn(p, data.idempotencyKey)));
    await advancePayment(db, p.id, { to: 'voided' });
    return {};
  });
}

/**
 * Refunds a captured payment: by default what is left unrefunded, or `amountCents` of it.
 * The status becomes refunded once everything captured is refunded; a partial refund keeps
 * it captured with amountRefundedCents raised.
 */
export async function refundPayment(
  db: Db,
  input: { paymentId: string; amountCents?: number; idempotencyKey: string },
): Promise<PaymentResult> {
  const data = refundInput.parse(input);
  // Refunds of one payment take turns (row lock for the whole operation): each reads the
  // refunded total the previous one wrote, so concurrent partial refunds neither lose an
  // amount (the total is written with GREATEST) nor refund more than was captured, and a
  // repeat of an operation in flight waits for it and finds it done.
  // A refusal is returned rather than thrown inside, so its failed operation row commits.
  const outcome = await withTx(db, async (tx) => {
    await tx.$queryRaw`SELECT id FROM payments WHERE id = ${data.paymentId} FOR UPDATE`;
    return refundLocked(tx, data).then(
      (result) => ({ result }),
      (error: unknown) => ({ error }),
    );
  });
  if ('error' in outcome) throw outcome.error;
  return outcome.result;
}

async function refundLocked(db: Db, data: { paymentId: string; amountCents?: number; idempotencyKey: string }): Promise<PaymentResult> {
  return runOperation(db, 'refund', data, async (p, provider) => {
    if (p.status === 'authorized')
      throw new ConflictError('cannot refund a payment that was not captured; void it instead', { paymentId: p.id });
    if (p.status !== 'captured' && p.status !== 'refunded')
      throw new ConflictError(`cannot refund a ${p.status} payment`, { paymentId: p.id, status: p.status });
    const captured = p.amountCapturedCents || p.amountCents;
    const left = captured - p.amountRefundedCents;
    const amount = data.amountCents ?? left;
    if (left <= 0) throw new ConflictError(`payment ${p.id} is already fully refunded`, { paymentId: p.id });
    if (amount > left)
      throw new ConflictError(`cannot refund ${amount} cents: only ${left} cents are left to refund`, {
        paymentId: p.id,
        left,
      });
    const r = await providerSpan('refund', provider.name, p.id, () => provider.refund(
      { db },
      {
        ...refIn(p, data.idempotencyKey),
        amountCents: amount,
        capturedCents: captured,
        refundedBeforeCents: p.amountRefundedCents,
      },
    ));
    const total = p.amountRefundedCents + r.amountCents;
    await advancePayment(db, p.id, { to: total >= captured ? 'refunded' : 'captured', amountRefundedCents: total });
    return { providerRef: r.refundId };
  });
}

/** A payment as the service reports it (order pages, the exception flow). */
export async function getPayment(db: Db, paymentId: string): Promise<PaymentResult> {
  const p = await db.payment.findUnique({ where: { id: paymentId } });
  if (!p) throw new NotFoundError('Payment', paymentId);
  return toResult(p);
}

/** Every call to a payment provider gets a span (provider, operation, our payment id; no card data). */
function providerSpan<T>(op: string, provider: string, paymentId: string, fn: () => Promise<T>): Promise<T> {
  return withSpan(`payment.${op}`, { 'payment.provider': provider, 'payment.operation': op, 'payment.id': paymentId }, fn);
}
