// Promotion inputs (tRPC and the console form share these). Money in integer cents.
import { z } from 'zod';

const actor = z.string().trim().min(1).max(120);
const categories = z.array(z.string().trim().min(1).max(200)).max(100).default([]);
const code = z
  .string()
  .trim()
  .toUpperCase()
  .regex(/^[A-Z0-9_-]{3,32}$/, 'codes are 3–32 letters, digits, dashes or underscores');

const promotionFields = z.object({
  name: z.string().trim().min(1).max(120),
  /** Null/absent: an automatic promotion applied to every eligible cart. */
  code: code.nullable().default(null),
  kind: z.enum(['percent_off', 'amount_off', 'free_shipping']),
  percentOff: z.number().int().min(1).max(90).nullable().default(null),
  amountOffCents: z.number().int().min(1).max(10_000_000).nullable().default(null),
  minSubtotalCents: z.number().int().min(0).max(100_000_000).default(0),
  includedCategories: categories,
  excludedCategories: categories,
  startsAt: z.coerce.date().nullable().default(null),
  endsAt: z.coerce.date().nullable().default(null),
  usageLimit: z.number().int().min(1).max(10_000_000).nullable().default(null),
  perCustomerLimit: z.number().int().min(1).max(1_000).nullable().default(null),
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

export const createPromotionInput = promotionFields.extend({ actor }).superRefine(checkShape);
export type CreatePromotionInput = z.input<typeof createPromotionInput>;

export const updatePromotionInput = promotionFields
  .partial()
  .extend({ id: z.string().trim().min(1).max(64), actor })
  .superRefine(checkShape);
export type UpdatePromotionInput = z.input<typeof updatePromotionInput>;

export const promotionIdInput = z.object({ id: z.string().trim().min(1).max(64), actor });
export const listPromotionsInput = z
  .object({ includeInactive: z.boolean().default(true) })
  .default({ includeInactive: true });
