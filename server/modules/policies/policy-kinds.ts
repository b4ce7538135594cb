// The merchant policy kinds and the zod schema each version's body must satisfy. Client-safe:
// the console editor validates with the same schemas. An invalid policy cannot be saved.
import { z } from 'zod';

export const POLICY_KINDS = ['risk', 'discount'] as const;
export type PolicyKind = (typeof POLICY_KINDS)[number];
export const policyKind = z.enum(POLICY_KINDS);

const country = z
  .string()
  .trim()
  .toUpperCase()
  .regex(/^[A-Z]{2}$/, 'countries are ISO 3166 two-letter codes, e.g. US');
const domain = z
  .string()
  .trim()
  .toLowerCase()
  .regex(/^[a-z0-9.-]+\.[a-z]{2,}$/, 'email domains look like example.com');
/** A full email address (stored as its token once saved) or an identity token `et_…`. */
const emailEntry = z
  .string()
  .trim()
  .min(3)
  .max(320)
  .refine(
    (v) => /^et_[0-9a-f]{32}$/.test(v) || /^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(v),
    'an email address or an et_ token',
  );
const list = <T extends z.ZodType>(item: T) => z.array(item).max(1_000).default([]);
const cents = z.number().int().min(0).max(100_000_000);

const identityList = z
  .object({ emailDomains: list(domain), emails: list(emailEntry), countries: list(country) })
  .default({ emailDomains: [], emails: [], countries: [] });

export const riskPolicyBody = z
  .object({
    /** Model score (0–99) at or above which an order goes to review / is rejected. */
    reviewThreshold: z.number().int().min(0).max(99),
    rejectThreshold: z.number().int().min(1).max(100),
    /** Allow list: accepted whatever the score or country rules (block and amount limits still apply). */
    allow: identityList,
    /** Block list: always rejected. */
    block: identityList,
    amountLimits: z
      .object({ reviewAboveCents: cents.nullable().default(null), rejectAboveCents: cents.nullable().default(null) })
      .default({ reviewAboveCents: null, rejectAboveCents: null }),
    /** Shipping countries that always go to review / are always rejected. */
    countryRules: z.object({ review: list(country), reject: list(country) }).default({ review: [], reject: [] }),
  })
  .strict()
  .refine((p) => p.rejectThreshold > p.reviewThreshold, {
    message: 'the reject threshold must be above the review threshold',
    path: ['rejectThreshold'],
  })
  .refine(
    (p) =>
      p.amountLimits.reviewAboveCents === null ||
      p.amountLimits.rejectAboveCents === null ||
      p.amountLimits.rejectAboveCents > p.amountLimits.reviewAboveCents,
    { message: 'the reject amount must be above the review amount', path: ['amountLimits', 'rejectAboveCents'] },
  );
export type RiskPolicy = z.output<typeof riskPolicyBody>;

export const discountPolicyBody = z
  .object({
    /** The largest discount any offer may give, in percent of the eligible subtotal (≤ 90). */
    maxPercent: z.number().min(0).max(90, 'a discount cap over 90% is refused'),
    /**
     * Margin that must remain after the discount, as a share of the discounted revenue:
     * (revenue − discount − cost) / (revenue − discount) ≥ marginFloor. Cost comes from the
     * pricing module's cost ratios per top-level category (server/modules/pricing/cost-ratios.ts).
     */
    marginFloor: z.number().min(0).max(0.9),
    /** At most `maxOffers` offers per customer in any `perDays` days. */
    frequency: z.object({
      maxOffers: z.number().int().min(0).max(100),
      perDays: z.number().int().min(1).max(365),
    }),
    /** Top-level categories whose lines never count toward an offer. */
    excludedCategories: list(z.string().trim().min(1).max(200)),
    /** Total offer value per UTC day, in cents. */
    dailyBudgetCents: cents,
  })
  .strict();
export type DiscountPolicy = z.output<typeof discountPolicyBody>;

export const POLICY_BODIES = { risk: riskPolicyBody, discount: discountPolicyBody } as const;

export type PolicyBody<K extends PolicyKind> = K extends 'risk' ? RiskPolicy : DiscountPolicy;

export const DEFAULT_POLICIES: { risk: RiskPolicy; discount: DiscountPolicy } = {
  // Thresholds from the risk model's held-out evaluation (server/ml/risk/train.ts).
  risk: {
    reviewThreshold: 15,
    rejectThreshold: 80,
    allow: { emailDomains: [], emails: [], countries: [] },
    block: { emailDomains: ['mailinator.com'], emails: [], countries: [] },
    amountLimits: { reviewAboveCents: 500_000, rejectAboveCents: 2_500_000 },
    countryRules: { review: [], reject: [] },
  },
  discount: {
    maxPercent: 15,
    marginFloor: 0.2,
    frequency: { maxOffers: 1, perDays: 30 },
    excludedCategories: ['Appliances'],
    dailyBudgetCents: 50_000,
  },
};
