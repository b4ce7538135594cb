// Inputs of the recommendation doors (tRPC, REST, console) and of the decision itself.
import { z } from 'zod';

export const PLACEMENTS = ['home', 'product', 'cart'] as const;
export const placement = z.enum(PLACEMENTS, { error: 'placement must be one of home, product, cart' });
export type Placement = z.infer<typeof placement>;

export const productId = z
  .string({ error: 'productId must be a product id' })
  .trim()
  .regex(/^[A-Za-z0-9_-]{1,64}$/, 'productId must be a product id (letters, digits, _ and -)');
export const limit = z.coerce
  .number({ error: 'limit must be a number' })
  .int('limit must be a whole number')
  .min(1, 'limit must be between 1 and 24')
  .max(24, 'limit must be between 1 and 24');

export const forHomeInput = z.object({ limit: limit.default(8) });
export const forProductInput = z.object({ productId, limit: limit.default(8) });
export const forCartInput = z.object({ productIds: z.array(productId).min(1).max(50), limit: limit.default(8) });

/** GET /api/v1/recommendations query string. */
export const restQuery = z
  .object({
    placement,
    productId: productId.optional(),
    productIds: z.string().max(3300).optional(),
    limit: limit.default(8),
  })
  .superRefine((q, ctx) => {
    if (q.placement === 'product' && !q.productId)
      ctx.addIssue({ code: 'custom', path: ['productId'], message: 'productId is required for placement=product' });
    if (q.placement === 'cart' && !q.productIds && !q.productId)
      ctx.addIssue({
        code: 'custom',
        path: ['productIds'],
        message: 'productIds (comma-separated) is required for placement=cart',
      });
  });

const ts = z.number().int().positive();
export const signalsSchema = z.object({
  viewed: z.array(z.object({ productId, ts })).max(100),
  bought: z.array(z.object({ productId, ts })).max(100),
  searches: z.array(z.object({ query: z.string().max(200), ts })).max(50),
});

/** What a recommendation decision receives: everything it may use, so the log digest covers it. */
export const decisionInput = z.discriminatedUnion('placement', [
  z.object({
    placement: z.literal('home'),
    limit,
    /** False when the shopper opted out (or is unknown): then `signals` is null. */
    personalized: z.boolean(),
    signals: signalsSchema.nullable(),
    now: ts.optional(),
  }),
  z.object({ placement: z.literal('product'), productId, limit, now: ts.optional() }),
  z.object({ placement: z.literal('cart'), productIds: z.array(productId).min(1).max(50), limit, now: ts.optional() }),
]);
export type DecisionInput = z.infer<typeof decisionInput>;

export const recItem = z.object({ productId: z.string(), score: z.number(), reason: z.string() });
export type SectionOutput = {
  id: string;
  title: string;
  /** blend | cooccurrence | similar | popularity | recent | trending */
  strategy: string;
  items: z.infer<typeof recItem>[];
};
export type DecisionOutput = { sections: SectionOutput[]; coldStart: boolean };

export const ruleInput = z.object({
  productId,
  targetId: productId,
  action: z.enum(['pin', 'exclude']),
  position: z.number().int().min(0).max(100).default(0),
});
export const ruleIdInput = z.object({ id: z.string().min(1).max(64) });
export const rulesForProductInput = z.object({ productId });
/** Console: find a product to edit rules for, or to pin/exclude, by title words. */
export const findProductsInput = z.object({
  q: z.string().trim().min(1, 'q must not be empty').max(200, 'q must be at most 200 characters'),
  limit: z.number().int().min(1).max(20).default(8),
});

export const trackInput = z.object({
  events: z
    .array(
      z.object({
        id: z
          .string()
          .min(8)
          .max(128)
          .regex(/^[A-Za-z0-9_.:-]+$/),
        type: z.enum(['view', 'impression', 'click', 'add_to_cart']),
        productId,
        placement: placement.optional(),
        section: z.string().max(40).optional(),
        position: z.number().int().min(0).max(100).optional(),
        decisionId: z.string().max(64).optional(),
        modelVersion: z.string().max(120).optional(),
      }),
    )
    .min(1)
    .max(50),
});
export type TrackInput = z.infer<typeof trackInput>;

/**
 * Where a placement-level rule applies: every home page, every product page's similar list or
 * its bought-together / also-viewed list, every cart's suggestions.
 */
export const RULE_PLACEMENTS = ['home', 'product_similar', 'product_together', 'cart'] as const;
export type RulePlacement = (typeof RULE_PLACEMENTS)[number];
export const rulePlacement = z.enum(RULE_PLACEMENTS, {
  error: 'placement must be one of home, product_similar, product_together, cart',
});

export const placementRuleInput = z
  .object({
    placement: rulePlacement,
    targetId: productId,
    action: z.enum(['pin', 'exclude', 'boost'], { error: 'action must be one of pin, exclude, boost' }),
    position: z.number().int().min(0).max(100).default(0),
    /** Score multiplier for a boost: a nudge up the list, never a way past live stock. */
    boost: z.number().min(1.05, 'boost must be between 1.05 and 5').max(5, 'boost must be between 1.05 and 5').optional(),
  })
  .superRefine((r, ctx) => {
    if (r.action === 'boost' && r.boost === undefined)
      ctx.addIssue({ code: 'custom', path: ['boost'], message: 'boost is required for action=boost' });
    if (r.action !== 'boost' && r.boost !== undefined)
      ctx.addIssue({ code: 'custom', path: ['boost'], message: 'boost is only allowed for action=boost' });
  });
export const placementRulesInput = z.object({ placement: rulePlacement.optional() }).default({});
export const placementPreviewInput = z
  .object({ placement: rulePlacement, productId: productId.optional(), limit: limit.default(8) })
  .superRefine((q, ctx) => {
    if (q.placement !== 'home' && !q.productId)
      ctx.addIssue({ code: 'custom', path: ['productId'], message: `productId is required to preview ${q.placement}` });
  });
