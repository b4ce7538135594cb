// Dynamic discount offers: the model proposes a percent through the decision seam, the
// published discount policy bounds it (max percent, margin floor, excluded categories,
// per-customer frequency, daily budget), and an applied offer is stored with the policy
// version that allowed it. Frequency and budget are checked under one advisory lock, so
// concurrent proposals cannot overspend the day's budget.
import type { Db } from '@/server/db/client';
import { withTx } from '@/server/db/client';
import { decide, type DecisionTelemetry } from '@/server/decisions/decide';
import { emailToken } from '@/server/lib/identity-token';
import { newId } from '@/server/lib/ids';
import { policyForUnit } from '@/server/modules/experiments/policy-arms';
import { clampOffer, offerEligibleLines, type ClampedOffer } from './clamp-offer';
import type { DiscountModelOutput } from './discount-decision';
import { lineTotal, type PricingLine } from './price-cart';
import './discount-decision';

export type OfferReason = 'cart_recovery' | 'held_order';

export type DiscountOfferResult = {
  offer: { id: string; amountCents: number; percent: number; policyVersion: string } | null;
  proposedPercent: number;
  clampedBy: ClampedOffer['clampedBy'];
  policyVersion: string | null;
  decision: DecisionTelemetry | null;
  /** Why there is no offer, in plain language. */
  reason: string | null;
};

const DAY_MS = 86_400_000;

export async function proposeDiscountOffer(
  db: Db,
  input: {
    subject: string;
    reason: OfferReason;
    lines: PricingLine[];
    customerEmail: string;
    now?: Date;
    /** The shopper's session key: a running discount-policy experiment may own it (policy arms). */
    unitKey?: string | null;
    /** Tighter caps from the caller's own policy (e.g. the recovery policy's offer), on top of the discount policy. */
    limits?: { maxPercent?: number | null; maxAmountCents?: number | null };
    /** How long the offer applies (the recovery policy's offer expiry); unset: the legacy rule. */
    expiresInHours?: number | null;
    /**
     * Discount these lines already carry, cents: a placed order's discountCents (a held
     * order's apology). Counted in full against the eligible lines, conservatively: a placed
     * order keeps its discount lines' amounts but not the lines each was computed on (and a
     * promotion's categories may have been edited since), so the whole of it is assumed to
     * fall on the lines the offer discounts. The offer is then bounded on the revenue net of
     * it (clampOffer), so the order's total discount keeps the policy's margin floor.
     */
    priorDiscountCents?: number | null;
  },
  ctx: { requestId?: string | null } = {},
): Promise<DiscountOfferResult> {
  const now = input.now ?? new Date();
  const { policy: published } = await policyForUnit(db, 'discount', input.unitKey);
  if (!published)
    return {
      offer: null,
      proposedPercent: 0,
      clampedBy: [],
      policyVersion: null,
      decision: null,
      reason: 'No discount policy is published',
    };
  const limits = input.limits ?? {};
  const policy =
    typeof limits.maxPercent === 'number' && limits.maxPercent < published.body.maxPercent
      ? { ...published.body, maxPercent: limits.maxPercent }
      : published.body;
  const token = emailToken(input.customerEmail);
  const windowStart = new Date(now.getTime() - policy.frequency.perDays * DAY_MS);
  const eligible = offerEligibleLines(policy, input.lines);
  const priorOffers = await db.discountOffer.count({
    where: { customerToken: token, createdAt: { gte: windowStart } },
  });
  const decision = await decide<Partial<DiscountModelOutput>>(
    db,
    'discount_offer',
    input.subject,
    {
      reason: input.reason,
      subtotalCents: eligible.reduce((s, l) => s + lineTotal(l), 0),
      itemCount: eligible.reduce((s, l) => s + l.quantity, 0),
      priorOffers,
    },
    { requestId: ctx.requestId ?? null, policyVersion: published.label },
  );
  const proposedPercent = proposedFrom(decision.output, eligible, input.priorDiscountCents ?? 0);

  return withTx(db, async (tx) => {
    await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext('pricing:discount-offers'))`;
    const dayStart = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate()));
    const [inWindow, spent] = await Promise.all([
      tx.discountOffer.count({ where: { customerToken: token, createdAt: { gte: windowStart } } }),
      tx.discountOffer.aggregate({
        where: { createdAt: { gte: dayStart }, status: { in: ['offered', 'redeemed'] } },
        _sum: { amountCents: true },
      }),
    ]);
    const clamped = capAmount(
      clampOffer(policy, proposedPercent, input.lines, {
        customerOffersInWindow: inWindow,
        spentTodayCents: spent._sum.amountCents ?? 0,
        priorDiscountCents: input.priorDiscountCents ?? 0,
      }),
      limits.maxAmountCents,
    );
    const base = {
      proposedPercent,
      clampedBy: clamped.clampedBy,
      policyVersion: published.label,
      decision: decision.telemetry,
    };
    if (clamped.amountCents <= 0) return { ...base, offer: null, reason: explain(clamped) };
    const row = await tx.discountOffer.create({
      data: {
        id: newId('offer'),
        customerToken: token,
        expiresAt: input.expiresInHours ? new Date(now.getTime() + input.expiresInHours * 3_600_000) : null,
        reason: input.reason,
        subtotalCents: clamped.eligibleSubtotalCents,
        proposedPercent,
        percent: clamped.percent,
        amountCents: clamped.amountCents,
        policyVersionId: published.id,
        policyVersion: published.version,
        modelVersion: decision.telemetry.modelVersion,
        decisionId: decision.telemetry.decisionId,
        clampedBy: clamped.clampedBy,
        createdAt: now,
      },
    });
    return {
      ...base,
      offer: { id: row.id, amountCents: row.amountCents, percent: row.percent, policyVersion: published.label },
      reason: null,
    };
  });
}

/** An amount cap from the caller's policy (counted as the percent cap it acts as). */
function capAmount(c: ClampedOffer, maxAmountCents: number | null | undefined): ClampedOffer {
  if (typeof maxAmountCents !== 'number' || c.amountCents <= maxAmountCents) return c;
  const amountCents = Math.max(0, maxAmountCents);
  const base = c.eligibleSubtotalCents - c.priorDiscountCents; // the percent is of the net revenue, as in clampOffer
  return {
    ...c,
    amountCents,
    percent: amountCents > 0 && base > 0 ? (amountCents / base) * 100 : 0,
    clampedBy: [...c.clampedBy, 'max_percent'],
  };
}

function proposedFrom(out: Partial<DiscountModelOutput>, eligible: PricingLine[], prior: number): number {
  if (typeof out.percent === 'number' && Number.isFinite(out.percent)) return Math.max(0, out.percent);
  // A percent of what the lines cost after the prior discount (the base clampOffer applies it to).
  const subtotal = eligible.reduce((s, l) => s + lineTotal(l), 0) - Math.max(0, prior);
  // The built-in answers in cents ({ offerCents: 0 }: no discount).
  if (typeof out.offerCents === 'number' && subtotal > 0) return Math.max(0, (out.offerCents / subtotal) * 100);
  return 0;
}

function explain(c: ClampedOffer): string {
  const last = c.clampedBy.at(-1);
  switch (last) {
    case 'no_proposal':
      return 'The model proposed no discount';
    case 'excluded_categories':
      return 'Every item is in a category the policy excludes';
    case 'frequency':
      return 'This customer already received the most offers the policy allows in its window';
    case 'margin_floor':
      return 'Any discount would break the margin floor';
    case 'daily_budget':
      return "Today's offer budget is spent";
    default:
      return 'No discount allowed';
  }
}
