// The payment status lattice. Status only moves forward, so webhooks delivered late, twice or
// out of order, and our own capture/void/refund racing them, all end in the same state:
//
//   pending ─► authorized ─► captured ─► refunded
//      │            └──────► voided
//      ├──► declined   (terminal: the card was refused)
//      └──► failed     (terminal: the provider could not process it)
//
// A later state may arrive before an earlier one (captured before authorized): every edge of
// the transitive closure is allowed, and the earlier event then changes nothing.
import type { PaymentStatus } from './payments-service';

export type StoredPaymentStatus = PaymentStatus | 'pending';

const NEXT: Record<StoredPaymentStatus, readonly StoredPaymentStatus[]> = {
  pending: ['authorized', 'declined', 'failed', 'captured', 'voided', 'refunded'],
  authorized: ['captured', 'voided', 'refunded'],
  captured: ['refunded'],
  declined: [],
  failed: [],
  voided: [],
  refunded: [],
};

export function canAdvance(from: StoredPaymentStatus, to: StoredPaymentStatus): boolean {
  return NEXT[from].includes(to);
}

/** The statuses a payment may be in for `to` to be a step forward (used in a conditional UPDATE). */
export function statusesBefore(to: StoredPaymentStatus): StoredPaymentStatus[] {
  return (Object.keys(NEXT) as StoredPaymentStatus[]).filter((from) => canAdvance(from, to));
}

export function isTerminal(status: StoredPaymentStatus): boolean {
  return NEXT[status].length === 0;
}
