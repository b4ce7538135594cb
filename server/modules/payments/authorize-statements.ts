// authorizePayment's two writes as hot statements on the pg pool (ADR 037): checkout calls it
// on every order, and through Prisma its upsert, card-details update and status advance cost
// ~1.5 ms of Node CPU each. The same SQL runs through Prisma on a transaction client
// (server/db/hot-sql.ts). The status rule is advancePayment's (forward only, each status's
// timestamp written by the update that enters it); advance-payment.ts stays the one place for
// every other caller.
import type { Db } from '@/server/db/client';
import { hotQuery, hotSql } from '@/server/db/hot-sql';
import type { ProviderAuthorization } from './payment-provider';
import { statusesBefore, type StoredPaymentStatus } from './payment-status';

/** The columns the service reports (toResult) and announces (publishPaymentStatus). */
export type PaymentRow = {
  id: string;
  orderId: string;
  provider: string;
  providerPaymentId: string | null;
  requestHash: string;
  status: StoredPaymentStatus;
  declineCode: string | null;
  message: string | null;
  fingerprint: string | null;
  last4: string | null;
  brand: string | null;
  amountCents: number;
  amountCapturedCents: number;
  amountRefundedCents: number;
};

export type NewPayment = {
  id: string;
  orderId: string;
  provider: string;
  idempotencyKey: string;
  requestHash: string;
  amountCents: number;
  currency: string;
};

/** One statement: the new pending payment, or the row an earlier call with the key made. */
export async function claimPayment(db: Db, p: NewPayment): Promise<PaymentRow> {
  const rows = await hotQuery<PaymentRow>(db, hotSql`
    INSERT INTO payments (id, order_id, provider, idempotency_key, request_hash, amount_cents, currency, created_at, updated_at)
    VALUES (${p.id}::text, ${p.orderId}::text, ${p.provider}::text, ${p.idempotencyKey}::text, ${p.requestHash}::text, ${p.amountCents}::int,
            ${p.currency}::text, now(), now())
    ON CONFLICT (idempotency_key) DO UPDATE SET idempotency_key = EXCLUDED.idempotency_key
    RETURNING id, order_id AS "orderId", provider, provider_payment_id AS "providerPaymentId", request_hash AS "requestHash",
      status::text AS status, decline_code AS "declineCode", message, fingerprint, last4, brand, amount_cents::int AS "amountCents",
      amount_captured_cents::int AS "amountCapturedCents", amount_refunded_cents::int AS "amountRefundedCents"`);
  return rows[0]!;
}

/**
 * One statement: the provider's answer (its payment id unless one is stored, card details,
 * and for a refusal its code and message) and the move to its status when that is a step
 * forward (a webhook may already have moved it on). Returns the row as it now is.
 */
export async function recordAuthorization(db: Db, paymentId: string, auth: ProviderAuthorization): Promise<PaymentRow> {
  const refused = auth.status !== 'authorized';
  const to = auth.status;
  const rows = await hotQuery<PaymentRow>(db, hotSql`
    UPDATE payments SET
      provider_payment_id = COALESCE(provider_payment_id, ${auth.providerPaymentId}::text),
      fingerprint = ${auth.fingerprint}::text, last4 = ${auth.last4}::text, brand = ${auth.brand}::text,
      decline_code = CASE WHEN ${refused}::boolean THEN ${auth.declineCode}::text ELSE decline_code END,
      message = CASE WHEN ${refused}::boolean THEN ${auth.message}::text ELSE message END,
      status = CASE WHEN status::text = ANY(${statusesBefore(to)}::text[]) THEN ${to}::payment_status ELSE status END,
      authorized_at = CASE WHEN status::text = ANY(${statusesBefore(to)}::text[]) AND ${to}::text = 'authorized' THEN COALESCE(authorized_at, now()) ELSE authorized_at END,
      updated_at = now()
    WHERE id = ${paymentId}::text
    RETURNING id, order_id AS "orderId", provider, provider_payment_id AS "providerPaymentId", request_hash AS "requestHash",
      status::text AS status, decline_code AS "declineCode", message, fingerprint, last4, brand, amount_cents::int AS "amountCents",
      amount_captured_cents::int AS "amountCapturedCents", amount_refunded_cents::int AS "amountRefundedCents"`);
  return rows[0]!;
}

