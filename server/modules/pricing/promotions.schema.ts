// Promotion inputs (tRPC and the console form share these). Money in integer cents.
import { z } from 'zod';

const actor = z.string().trim().min(1).max(120);
const categoryList = z.array(z.string().trim().min(1).max(200)).max(100);
const code = z
  .string()
  .trim()
  .toUpperCase()
  .regex(/^[A-Z0-9_-]{3,32}$/, 'codes are 3–32 letters, digits, dashes or underscores');

/** The fields without defaults: an update changes exactly the fields it sends. */
const editableFields = z.object({
  name: z.string().trim().min(1).max(120),
  /** Null: an automatic promotion applied to every eligible cart. */
  code: code.nullable(),
  kind: z.enum(['percent_off', 'amount_off', 'free_shipping']),
  percentOff: z.number().int().min(1).max(90).nullable(),
  amountOffCents: z.number().int().min(1).max(10_000_000).nullable(),
  minSubtotalCents: z.number().int().min(0).max(100_000_000),
  includedCategories: categoryList,
  excludedCategories: categoryList,
  startsAt: z.coerce.date().nullable(),
  endsAt: z.coerce.date().nullable(),
  usageLimit: z.number().int().min(1).max(10_000_000).nullable(),
  perCustomerLimit: z.number().int().min(1).max(1_000).nullable(),
});

const promotionFields = editableFields.extend({
  code: editableFields.shape.code.default(null),
  percentOff: editableFields.shape.percentOff.default(null),
  amountOffCents: editableFields.shape.amountOffCents.default(null),
  minSubtotalCents: editableFields.shape.minSubtotalCents.default(0),
  includedCategories: categoryList.default([]),
  excludedCategories: categoryList.default([]),
  startsAt: editableFields.shape.startsAt.default(null),
  endsAt: editableFields.shape.endsAt.default(null),
  usageLimit: editableFields.shape.usageLimit.default(null),
  perCustomerLimit: editableFields.shape.perCustomerLimit.default(null),
});

type Fields = z.output<typeof promotionFields>;
function checkShape(p: Partial<Fields>, ctx: z.RefinementCtx) {
  if (p.kind === 'percent_off' && !p.percentOff)
    ctx.addIssue({ code: 'custom', path: ['percentOff'], message: 'a percent-off promotion needs a percent' });
  if (p.kind === 'amount_off' && !p.amountOffCents)
    ctx.addIssue({ code: 'custom', path: ['amountOffCents'], message: 'an amount-off promotion needs an amount' });
  if (p.startsAt && p.endsAt && p.endsAt <= p.startsAt)
    ctx.addIssue({ code: 'custom', path: ['endsAt'], message: 'the end must be after the start' });
}

/** What the console sends (the router adds the signed-in staff id as `actor`). */
export const promotionForm = promotionFields.superRefine(checkShape);
export type PromotionForm = z.input<typeof promotionForm>;
export const createPromotionInput = promotionFields.extend({ actor }).superRefine(checkShape);
export type CreatePromotionInput = z.input<typeof createPromotionInput>;

const updateFields = editableFields.partial().extend({ id: z.string().trim().min(1).max(64) });
export const updatePromotionForm = updateFields.superRefine(checkShape);
export const updatePromotionInput = updateFields.extend({ actor }).superRefine(checkShape);
export type UpdatePromotionInput = z.input<typeof updatePromotionInput>;

export const promotionIdInput = z.object({ id: z.string().trim().min(1).max(64), actor });
export const listPromotionsInput = z
  .object({ includeInactive: z.boolean().default(true) })
  .default({ includeInactive: true });
