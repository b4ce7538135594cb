// Cart inputs, shared by the tRPC procedures and the storefront forms (client-safe: zod only).
import { z } from 'zod';

export const MAX_LINE_QUANTITY = 99;
export const MAX_CART_LINES = 50;

const variantId = z.string().trim().min(1).max(64);
const sku = z.string().trim().min(1).max(64);

/** A line is named by variant id or SKU (exactly one). */
const lineRef = z.object({ variantId: variantId.optional(), sku: sku.optional() });
const oneRef = <T extends { variantId?: string; sku?: string }>(v: T) => Boolean(v.variantId) !== Boolean(v.sku);
const refMessage = { message: 'give either variantId or sku', path: ['variantId'] };

export const quantity = z
  .number({ error: 'quantity must be a number' })
  .int('quantity must be a whole number')
  .min(1, 'quantity must be at least 1')
  .max(MAX_LINE_QUANTITY, `quantity must be at most ${MAX_LINE_QUANTITY}`);

export const addItemInput = lineRef.extend({ quantity: quantity.default(1) }).refine(oneRef, refMessage);
export type AddItemInput = z.infer<typeof addItemInput>;

/** Quantity 0 removes the line. */
export const updateItemInput = lineRef
  .extend({ quantity: z.number().int('quantity must be a whole number').min(0, 'quantity must be 0 or more').max(MAX_LINE_QUANTITY, `quantity must be at most ${MAX_LINE_QUANTITY}`) })
  .refine(oneRef, refMessage);
export type UpdateItemInput = z.infer<typeof updateItemInput>;

export const removeItemInput = lineRef.refine(oneRef, refMessage);
export type RemoveItemInput = z.infer<typeof removeItemInput>;

/** null or an empty string clears the code. */
export const applyCodeInput = z.object({
  code: z
    .string()
    .trim()
    .max(40, 'code must be at most 40 characters')
    .regex(/^[A-Za-z0-9_-]*$/, 'code may only contain letters, digits, - and _')
    .nullable(),
});
export type ApplyCodeInput = z.infer<typeof applyCodeInput>;

/** Lines given directly (REST orders), not read from a cart. */
export const orderLineInput = lineRef.extend({ quantity }).refine(oneRef, refMessage);
export type OrderLineInput = z.infer<typeof orderLineInput>;
