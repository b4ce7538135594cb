// The one place a payment's status changes: a conditional UPDATE that only moves forward
// (payment-status.ts), so concurrent and repeated callers cannot undo each other. Amounts
// only grow (GREATEST), and each status's timestamp is written by the one update that enters it.
import { paymentUpdated } from '@/inngest/events';
import { send } from '@/inngest/send';
import type { Db } from '@/server/db/client';
import { statusesBefore, type StoredPaymentStatus } from './payment-status';

export type Advance = {
  to: StoredPaymentStatus;
  amountCapturedCents?: number | null;
  amountRefundedCents?: number | null;
  declineCode?: string | null;
  message?: string | null;
};

/** Returns whether the status changed (false: already there or past it). */
export async function advancePayment(db: Db, paymentId: string, change: Advance): Promise<boolean> {
  if (change.amountCapturedCents != null || change.amountRefundedCents != null) {
    await db.$executeRaw`
      UPDATE payments SET
        amount_captured_cents = GREATEST(amount_captured_cents, ${change.amountCapturedCents ?? 0}),
        amount_refunded_cents = GREATEST(amount_refunded_cents, ${change.amountRefundedCents ?? 0}),
        updated_at = now()
      WHERE id = ${paymentId}`;
  }
  const from = statusesBefore(change.to);
  if (from.length === 0) return false;
  const to = change.to;
  const n = await db.$executeRaw`
    UPDATE payments SET
      status = ${to}::payment_status,
      updated_at = now(),
      decline_code = COALESCE(decline_code, ${change.declineCode ?? null}),
      message = COALESCE(message, ${change.message ?? null}),
      authorized_at = CASE WHEN ${to} IN ('authorized', 'captured', 'voided', 'refunded') THEN COALESCE(authorized_at, now()) ELSE authorized_at END,
      captured_at = CASE WHEN ${to} IN ('captured', 'refunded') THEN COALESCE(captured_at, now()) ELSE captured_at END,
      voided_at = CASE WHEN ${to} = 'voided' THEN now() ELSE voided_at END,
      refunded_at = CASE WHEN ${to} = 'refunded' THEN now() ELSE refunded_at END
    WHERE id = ${paymentId} AND status::text = ANY(${from})`;
  return n > 0;
}

/** The paymentUpdated event for a status; its id makes every repeat of one status collapse into one event. */
export function paymentUpdatedEvent(p: { id: string; orderId: string; status: StoredPaymentStatus }) {
  if (p.status === 'pending') return null;
  return paymentUpdated.create(
    { paymentId: p.id, orderId: p.orderId, status: p.status },
    { id: `payment-updated-${p.id}-${p.status}` },
  );
}

/** Tells the order module where the payment is (safe to repeat). */
export async function publishPaymentStatus(p: {
  id: string;
  orderId: string;
  status: StoredPaymentStatus;
}): Promise<void> {
  const event = paymentUpdatedEvent(p);
  if (event) await send(event);
}
