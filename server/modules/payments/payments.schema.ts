import { z } from 'zod';

/** Idempotency keys: what a client or a retrying function sends to make a repeat harmless. */
export const idempotencyKey = z
  .string()
  .trim()
  .min(8, 'must be at least 8 characters')
  .max(255)
  .regex(/^[\w:.\-/]+$/, 'letters, digits and _ : . - / only');

export const authorizeInput = z.object({
  orderId: z.string().min(1).max(100),
  amountCents: z.number().int().min(50, 'must be at least 50 cents').max(100_000_000),
  currency: z
    .string()
    .regex(/^[a-zA-Z]{3}$/, 'must be a 3-letter ISO currency code')
    .transform((c) => c.toLowerCase()),
  paymentMethod: z.string().trim().min(1).max(255),
  email: z.string().email().max(320),
  idempotencyKey,
});

export const paymentOperationInput = z.object({ paymentId: z.string().min(1), idempotencyKey });

export const refundInput = paymentOperationInput.extend({
  /** Default: what is captured and not yet refunded. */
  amountCents: z.number().int().positive().optional(),
});
