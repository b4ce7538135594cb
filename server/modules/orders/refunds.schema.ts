// Partial refunds: one schema for the console's Refund dialog, the tRPC procedure and REST
// (client-safe: zod only). A refund is an amount in cents, or lines + quantities (their share
// of what the shopper paid), optionally with shipping; at least one of them.
import { z } from 'zod';
import { idempotencyKeyInput, orderIdInput } from '@/server/modules/checkout/checkout.schema';

export const refundLineInput = z.object({
  variantId: z.string().trim().min(1, 'variantId is required').max(100),
  quantity: z.number().int().min(1, 'quantity must be at least 1').max(10_000),
});

/** What the caller sends (REST body; tRPC adds orderId). */
export const refundRequestInput = z
  .object({
    amountCents: z.number().int().min(1, 'amountCents must be at least 1').max(100_000_000).optional(),
    lines: z.array(refundLineInput).max(200).default([]),
    restock: z.boolean().default(false),
    refundShipping: z.boolean().default(false),
    reason: z.string().trim().max(500).default(''),
  })
  .refine((r) => r.amountCents !== undefined || r.lines.length > 0 || r.refundShipping, {
    message: 'give amountCents, lines or refundShipping',
    path: ['amountCents'],
  })
  .refine((r) => !r.restock || r.lines.length > 0, { message: 'restock needs lines (which units go back)', path: ['restock'] })
  .refine((r) => new Set(r.lines.map((l) => l.variantId)).size === r.lines.length, {
    message: 'each variantId may appear once',
    path: ['lines'],
  });
export type RefundRequestInput = z.input<typeof refundRequestInput>;

export const refundOrderInput = z.object({
  orderId: orderIdInput,
  idempotencyKey: idempotencyKeyInput,
  refund: refundRequestInput,
});
export type RefundOrderInput = z.input<typeof refundOrderInput>;

export const orderRefundsInput = z.object({ orderId: orderIdInput });

export type RefundLine = { variantId: string; sku: string; quantity: number; amountCents: number };
