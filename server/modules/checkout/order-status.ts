import { ConflictError } from '@/server/errors';
import type { OrderStatusName } from './checkout.schema';

/**
 * The order state machine. pending_payment → authorized → paid → fulfilled is the happy path;
 * in_review (risk policy sent it to a human) and on_hold (held by the exception flow) sit
 * beside authorized; refunded is final, and cancelled is final except for the one reinstatement
 * an approved appeal makes (cancelled → pending_payment, resolve-appeal.ts).
 */
export const TRANSITIONS: Record<OrderStatusName, readonly OrderStatusName[]> = {
  pending_payment: ['authorized', 'in_review', 'on_hold', 'cancelled'],
  authorized: ['paid', 'in_review', 'on_hold', 'cancelled'],
  in_review: ['authorized', 'on_hold', 'cancelled'],
  on_hold: ['authorized', 'in_review', 'cancelled'],
  paid: ['fulfilled', 'refunded'],
  fulfilled: ['refunded'],
  // Reinstated: a person approved the shopper's appeal of an automated refusal (ADR 026).
  cancelled: ['pending_payment'],
  refunded: [],
};

export function canTransition(from: OrderStatusName, to: OrderStatusName): boolean {
  return TRANSITIONS[from].includes(to);
}

export class IllegalTransitionError extends ConflictError {
  constructor(orderId: string, from: OrderStatusName, to: OrderStatusName) {
    super(`Order ${orderId} cannot go from ${from} to ${to}`, { reason: 'illegal_transition', orderId, from, to });
  }
}

/** The timestamp column each status sets when entered. */
export const STATUS_TIMESTAMP: Partial<Record<OrderStatusName, 'authorizedAt' | 'paidAt' | 'fulfilledAt' | 'cancelledAt' | 'refundedAt'>> = {
  authorized: 'authorizedAt',
  paid: 'paidAt',
  fulfilled: 'fulfilledAt',
  cancelled: 'cancelledAt',
  refunded: 'refundedAt',
};
