import type { PaymentStatus } from '@/server/modules/payments/payments-service';

/** Payment statuses only move forward; a later rank never gives way to an earlier one. */
export const PAYMENT_RANK: Record<PaymentStatus, number> = { authorized: 1, captured: 2, refunded: 3, declined: 3, voided: 3, failed: 3 };
