// The discount-offer model as a decision-seam implementation (`discount.propensity`): an
// interpretable heuristic propensity model. It proposes the percent most likely to tip the
// shopper over, from the reason, cart value, item count and prior offers; the published
// discount policy then bounds it (clamp-offer.ts). The weights are params of the model version.
import { z } from 'zod';
import { registerImplementation } from '@/server/decisions/implementations';
import { InvalidError } from '@/server/errors';

export const DISCOUNT_IMPLEMENTATION = 'discount.propensity';

export const discountModelParams = z.object({
  /** Base percent per reason. */
  base: z.object({ cart_recovery: z.number(), held_order: z.number() }),
  /** Percent per doubling of the cart value above $100 (negative: big carts need less). */
  perValueDoubling: z.number(),
  /** Percent per extra item. */
  perExtraItem: z.number(),
  /** Percent per earlier offer this customer received (diminishing returns). */
  perPriorOffer: z.number(),
  maxPercent: z.number().min(0).max(100),
});
export type DiscountModelParams = z.infer<typeof discountModelParams>;

export const DEFAULT_DISCOUNT_MODEL: DiscountModelParams = {
  base: { cart_recovery: 10, held_order: 12 },
  perValueDoubling: -1.5,
  perExtraItem: 0.5,
  perPriorOffer: -3,
  maxPercent: 40,
};

export const discountModelInput = z.object({
  reason: z.enum(['cart_recovery', 'held_order']),
  subtotalCents: z.number().int().min(0),
  itemCount: z.number().int().min(0),
  priorOffers: z.number().int().min(0),
});
export type DiscountModelInput = z.infer<typeof discountModelInput>;
export type DiscountModelOutput = { percent: number; offerCents: number };

export function proposePercent(p: DiscountModelParams, input: DiscountModelInput) {
  const doublings = input.subtotalCents > 0 ? Math.log2(input.subtotalCents / 10_000) : 0;
  const terms = {
    base: p.base[input.reason],
    cart_value: p.perValueDoubling * doublings,
    items: p.perExtraItem * Math.max(0, input.itemCount - 1),
    prior_offers: p.perPriorOffer * input.priorOffers,
  };
  const raw = Object.values(terms).reduce((s, x) => s + x, 0);
  return { percent: Math.round(Math.min(p.maxPercent, Math.max(0, raw)) * 10) / 10, terms };
}

registerImplementation<unknown, DiscountModelOutput>(DISCOUNT_IMPLEMENTATION, async (raw, params) => {
  const input = discountModelInput.safeParse(raw);
  if (!input.success)
    throw new InvalidError(`discount offer input is invalid: ${input.error.issues[0]?.message ?? ''}`);
  const { percent, terms } = proposePercent(discountModelParams.parse(params), input.data);
  return {
    output: { percent, offerCents: Math.floor((input.data.subtotalCents * percent) / 100) },
    score: percent,
    confidence: null,
    explanation: Object.entries(terms).map(([term, value]) => ({ term, percent: Math.round(value * 10) / 10 })),
    features: input.data,
  };
});
