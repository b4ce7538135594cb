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
  /**
   * Discount already taken off the eligible lines in the same order (promotions priced with
   * it, or what a placed order was already given), cents. The offer is bounded on the revenue
   * net of it: the margin floor holds for the lines' total discount, and the offer's percent is
   * of what the shopper pays for them (offers stack after promotions). Omitted: none.
   */
  priorDiscountCents?: number;
};

export type ClampedOffer = {
  percent: number;
  amountCents: number;
  eligibleSubtotalCents: number;
  eligibleCostCents: number;
  /** The prior discount counted against the eligible lines (at most their subtotal), cents. */
  priorDiscountCents: number;
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

/**
 * The policy's caps on one offer over eligible revenue R (cost C) of which `prior` cents were
 * already discounted: the offer's percent applies to the net revenue R − prior, and the margin
 * floor to everything taken off, i.e. (R − prior − D − C) / (R − prior − D) ≥ floor.
 * Shared by clampOffer (when an offer is made) and priceCart (when it is redeemed).
 */
export function offerCaps(policy: Pick<DiscountPolicy, 'maxPercent' | 'marginFloor'>, revenueCents: number, costCents: number, priorDiscountCents = 0) {
  if (!Number.isFinite(priorDiscountCents)) throw new RangeError(`priorDiscountCents must be a number of cents, got ${priorDiscountCents}`);
  const prior = Math.min(revenueCents, Math.max(0, Math.ceil(priorDiscountCents)));
  const netRevenueCents = revenueCents - prior;
  return {
    priorDiscountCents: prior,
    netRevenueCents,
    percentOf: (percent: number) => Math.floor((netRevenueCents * Math.min(percent, policy.maxPercent)) / 100),
    marginCapCents: marginCapCents(netRevenueCents, costCents, policy.marginFloor),
  };
}

/**
 * The part of a discount of `amountCents`, spread over the lines it was computed on by their
 * subtotal (as refunds spread an order's discount), that falls on the lines `within` accepts.
 * Rounded up, so bounds derived from it never undercount what was already given.
 */
export function discountShareCents(amountCents: number, appliedTo: PricingLine[], within: (l: PricingLine) => boolean): number {
  const base = appliedTo.reduce((s, l) => s + lineTotal(l), 0);
  if (amountCents <= 0 || base <= 0) return 0;
  const overlap = appliedTo.filter(within).reduce((s, l) => s + lineTotal(l), 0);
  return Math.min(amountCents, Math.ceil((amountCents * overlap) / base));
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
  const caps = offerCaps(policy, R, C, ctx.priorDiscountCents);
  const clampedBy: ClampedOffer['clampedBy'] = [];
  const none = (why: ClampedOffer['clampedBy'][number]) => ({
    percent: 0,
    amountCents: 0,
    eligibleSubtotalCents: R,
    eligibleCostCents: C,
    priorDiscountCents: caps.priorDiscountCents,
    clampedBy: [...clampedBy, why],
  });
  if (!(proposedPercent > 0)) return none('no_proposal');
  if (R === 0) return none('excluded_categories');
  if (eligible.length < lines.filter((l) => l.quantity > 0).length) clampedBy.push('excluded_categories');
  if (ctx.customerOffersInWindow >= policy.frequency.maxOffers) return none('frequency');
  // Already discounted to nothing: any more would take the margin below the floor.
  if (caps.netRevenueCents === 0) return none('margin_floor');
  let percent = proposedPercent;
  if (percent > policy.maxPercent) {
    percent = policy.maxPercent;
    clampedBy.push('max_percent');
  }
  let amount = caps.percentOf(percent);
  if (amount > caps.marginCapCents) {
    amount = caps.marginCapCents;
    clampedBy.push('margin_floor');
  }
  const budgetLeft = Math.max(0, policy.dailyBudgetCents - ctx.spentTodayCents);
  if (amount > budgetLeft) {
    amount = budgetLeft;
    clampedBy.push('daily_budget');
  }
  return {
    // Of the net revenue: with no prior discount, of the eligible subtotal.
    percent: amount > 0 ? (amount / caps.netRevenueCents) * 100 : 0,
    amountCents: amount,
    eligibleSubtotalCents: R,
    eligibleCostCents: C,
    priorDiscountCents: caps.priorDiscountCents,
    clampedBy,
  };
}
