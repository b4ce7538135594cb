// The merchant policy kinds and the zod schema each version's body must satisfy. Client-safe:
// the console editor validates with the same schemas. An invalid policy cannot be saved.
import { z } from 'zod';

export const POLICY_KINDS = ['risk', 'discount', 'recovery'] as const;
export type PolicyKind = (typeof POLICY_KINDS)[number];
export const policyKind = z.enum(POLICY_KINDS);
/** Kinds a policy experiment can compare versions of (recovery has its own holdout experiment). */
export const EXPERIMENT_POLICY_KINDS = ['risk', 'discount'] as const;
export type ExperimentPolicyKind = (typeof EXPERIMENT_POLICY_KINDS)[number];
export const experimentPolicyKind = z.enum(EXPERIMENT_POLICY_KINDS);

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
    /**
     * Merchant promotions larger than these go to the review queue before they run (null: no
     * limit). Versions saved before these existed read as null.
     */
    approvalAbovePercent: z.number().min(0).max(90).nullable().default(null),
    approvalAboveAmountCents: cents.nullable().default(null),
  })
  .strict();
export type DiscountPolicy = z.output<typeof discountPolicyBody>;

const UNIT_MS = { ms: 1, s: 1_000, m: 60_000, h: 3_600_000, d: 86_400_000 } as const;
/** Milliseconds in a duration such as 30m, 1h or 2d (the format Inngest's waits take). */
export function durationMs(d: string): number {
  const m = /^(\d+)(ms|s|m|h|d)$/.exec(d);
  if (!m) return NaN;
  return Number(m[1]) * UNIT_MS[m[2] as keyof typeof UNIT_MS];
}
const boundedDuration = (min: string, max: string) =>
  z
    .string()
    .trim()
    .regex(/^\d+(s|m|h|d)$/, 'a duration such as 30m, 1h or 2d')
    .refine((d) => durationMs(d) >= durationMs(min) && durationMs(d) <= durationMs(max), `between ${min} and ${max}`);

/**
 * Cart recovery (issue 4): when an abandoned cart gets mail, who is held out, what offer it may
 * carry. Replaces the RECOVERY_* env settings, which remain the fallback while no version is
 * published (server/modules/recovery/recovery-settings.ts).
 */
export const recoveryPolicyBody = z
  .object({
    /** How long a cart waits (for checkout) before the first message. */
    delay: boundedDuration('1m', '7d'),
    /** How long after the first message the reminder goes. */
    reminderDelay: boundedDuration('1h', '14d'),
    /** Share of abandoned carts held out (no message), in percent: the experiment's control. */
    holdoutPercent: z.number().min(0).max(90, 'at most 90% of carts can be held out'),
    /** At most this many messages per cart (1 = no reminder, 0 = recovery paused). */
    maxMessagesPerCart: z.number().int().min(0).max(2),
    /** Where messages go; only email exists today. */
    channels: z.array(z.enum(['email'])).min(1, 'at least one channel').max(1),
    /** Only shoppers who ticked marketing consent get mail. */
    consentRequired: z.boolean(),
    /** The offer in the first message: the discount model proposes, this and the discount policy cap it. */
    offer: z
      .object({
        enabled: z.boolean(),
        type: z.enum(['percent', 'amount']),
        /** Percent offers: the largest percent (≤ 90). */
        maxPercent: z.number().min(0).max(90, 'a discount cap over 90% is refused'),
        /** Amount offers: the largest amount in cents. */
        maxAmountCents: cents,
        /** How long the offer stays valid after the message. */
        expiresInHours: z.number().int().min(1).max(720),
      })
      .strict(),
  })
  .strict()
  .refine((p) => p.consentRequired, {
    message: 'marketing mail needs the shopper\'s consent',
    path: ['consentRequired'],
  });
export type RecoveryPolicy = z.output<typeof recoveryPolicyBody>;

export const POLICY_BODIES = { risk: riskPolicyBody, discount: discountPolicyBody, recovery: recoveryPolicyBody } as const;

export type PolicyBody<K extends PolicyKind> = K extends 'risk'
  ? RiskPolicy
  : K extends 'discount'
    ? DiscountPolicy
    : RecoveryPolicy;

export const DEFAULT_POLICIES: { risk: RiskPolicy; discount: DiscountPolicy; recovery: RecoveryPolicy } = {
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
    approvalAbovePercent: 50,
    approvalAboveAmountCents: 100_000,
  },
  // The defaults (1 h, reminder a day later, 10% holdout); what drafts start from.
  recovery: {
    delay: '1h',
    reminderDelay: '23h',
    holdoutPercent: 10,
    maxMessagesPerCart: 2,
    channels: ['email'],
    consentRequired: true,
    offer: { enabled: true, type: 'percent', maxPercent: 15, maxAmountCents: 5_000, expiresInHours: 48 },
  },
};
