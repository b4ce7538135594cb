// The discount policy's bounds on a proposed offer. Pure (the caller reads the customer's
// recent offers and today's spend under a lock), so the property test can hammer it.
import type { DiscountPolicy } from '@/server/modules/policies/policy-kinds';
import { lineCostCents } from './cost-ratios';
import { lineTotal, type PricingLine } from './price-cart';

export type OfferContext = {
  /** Offers this customer received in the policy's frequency window. */
  customerOffersInWindow: number;
  /** Offer value already granted today (UTC), cents. */
  spentTodayCents: number;
};

export type ClampedOffer = {
  percent: number;
  amountCents: number;
  eligibleSubtotalCents: number;
  eligibleCostCents: number;
  /** Which bounds cut the proposal (empty = the model's proposal stood). */
  clampedBy: ('max_percent' | 'margin_floor' | 'frequency' | 'daily_budget' | 'excluded_categories' | 'no_proposal')[];
};

/** Lines an offer may discount: none in an excluded category (at any level of its path). */
export function offerEligibleLines(policy: DiscountPolicy, lines: PricingLine[]): PricingLine[] {
  return lines.filter((l) => l.quantity > 0 && !l.categoryPath.some((c) => policy.excludedCategories.includes(c)));
}

/**
 * Largest discount D on revenue R with cost C that keeps (R − D − C) / (R − D) ≥ floor,
 * i.e. D ≤ R − C / (1 − floor).
 */
export function marginCapCents(revenueCents: number, costCents: number, floor: number): number {
  return Math.max(0, Math.floor(revenueCents - costCents / (1 - floor)));
}

export function clampOffer(
  policy: DiscountPolicy,
  proposedPercent: number,
  lines: PricingLine[],
  ctx: OfferContext,
): ClampedOffer {
  const eligible = offerEligibleLines(policy, lines);
  const R = eligible.reduce((s, l) => s + lineTotal(l), 0);
  const C = eligible.reduce((s, l) => s + lineCostCents(l), 0);
  const clampedBy: ClampedOffer['clampedBy'] = [];
  const none = (why: ClampedOffer['clampedBy'][number]) => ({
    percent: 0,
    amountCents: 0,
    eligibleSubtotalCents: R,
    eligibleCostCents: C,
    clampedBy: [...clampedBy, why],
  });
  if (!(proposedPercent > 0)) return none('no_proposal');
  if (R === 0) return none('excluded_categories');
  if (eligible.length < lines.filter((l) => l.quantity > 0).length) clampedBy.push('excluded_categories');
  if (ctx.customerOffersInWindow >= policy.frequency.maxOffers) return none('frequency');
  let percent = proposedPercent;
  if (percent > policy.maxPercent) {
    percent = policy.maxPercent;
    clampedBy.push('max_percent');
  }
  let amount = Math.floor((R * percent) / 100);
  const marginCap = marginCapCents(R, C, policy.marginFloor);
  if (amount > marginCap) {
    amount = marginCap;
    clampedBy.push('margin_floor');
  }
  const budgetLeft = Math.max(0, policy.dailyBudgetCents - ctx.spentTodayCents);
  if (amount > budgetLeft) {
    amount = budgetLeft;
    clampedBy.push('daily_budget');
  }
  return {
    percent: amount > 0 ? (amount / R) * 100 : 0,
    amountCents: amount,
    eligibleSubtotalCents: R,
    eligibleCostCents: C,
    clampedBy,
  };
}
