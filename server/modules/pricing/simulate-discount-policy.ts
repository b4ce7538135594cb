// "What would this discount policy have done?" Replays past orders (an input array: the
// checkout module's order history, or generated orders) through the serving discount model
// and a policy, with frequency and daily budget tracked as they would have been, and reports
// offers, their total cost and the margin impact. Nothing is written (decisions are not logged).
import type { Db } from '@/server/db/client';
import { decide } from '@/server/decisions/decide';
import { createRng } from '@/server/ml/risk/prng';
import type { DiscountPolicy } from '@/server/modules/policies/policy-kinds';
import { parsePolicyBody } from '@/server/modules/policies/policy-versions';
import { clampOffer, offerEligibleLines, type ClampedOffer } from './clamp-offer';
import { lineCostCents } from './cost-ratios';
import type { DiscountModelOutput } from './discount-decision';
import { lineTotal, type PricingLine } from './price-cart';
import type { OfferReason } from './propose-discount-offer';
import './discount-decision';

export type PastOrder = {
  orderId: string;
  customerEmail: string;
  placedAt: Date;
  lines: PricingLine[];
  /** The discount the order was given (its promotions), cents: the offer would have stacked on it. */
  discountCents?: number;
};

export type DiscountSimulation = {
  orders: number;
  offers: number;
  totalCostCents: number;
  revenueCents: number;
  grossMarginCents: number;
  marginAfterCents: number;
  /** Change of the gross margin rate, in percentage points (negative: margin lost). */
  marginImpactPoints: number;
  maxOfferPercent: number;
  clampedBy: Partial<Record<ClampedOffer['clampedBy'][number], number>>;
  /** Days on which the budget ran out. */
  budgetExhaustedDays: number;
};

const DAY_MS = 86_400_000;

export async function simulateDiscountPolicy(
  db: Db,
  policyDraft: unknown,
  pastOrders: PastOrder[],
  opts: { reason?: OfferReason } = {},
): Promise<DiscountSimulation> {
  const policy: DiscountPolicy = parsePolicyBody('discount', policyDraft);
  const reason = opts.reason ?? 'cart_recovery';
  const orders = [...pastOrders].sort((a, b) => a.placedAt.getTime() - b.placedAt.getTime());
  const offersByCustomer = new Map<string, number[]>();
  const spentByDay = new Map<string, number>();
  const exhausted = new Set<string>();
  const out: DiscountSimulation = {
    orders: orders.length,
    offers: 0,
    totalCostCents: 0,
    revenueCents: 0,
    grossMarginCents: 0,
    marginAfterCents: 0,
    marginImpactPoints: 0,
    maxOfferPercent: 0,
    clampedBy: {},
    budgetExhaustedDays: 0,
  };
  for (const o of orders) {
    const revenue = o.lines.reduce((s, l) => s + lineTotal(l), 0);
    out.revenueCents += revenue;
    out.grossMarginCents += revenue - o.lines.reduce((s, l) => s + lineCostCents(l), 0);
    const customer = o.customerEmail.trim().toLowerCase();
    const t = o.placedAt.getTime();
    const recent = (offersByCustomer.get(customer) ?? []).filter((x) => t - x < policy.frequency.perDays * DAY_MS);
    const eligible = offerEligibleLines(policy, o.lines);
    const { output } = await decide<Partial<DiscountModelOutput>>(
      db,
      'discount_offer',
      o.orderId,
      {
        reason,
        subtotalCents: eligible.reduce((s, l) => s + lineTotal(l), 0),
        itemCount: eligible.reduce((s, l) => s + l.quantity, 0),
        priorOffers: recent.length,
      },
      { log: false },
    );
    const day = o.placedAt.toISOString().slice(0, 10);
    const c = clampOffer(policy, typeof output.percent === 'number' ? output.percent : 0, o.lines, {
      customerOffersInWindow: recent.length,
      spentTodayCents: spentByDay.get(day) ?? 0,
      // Counted in full, as for a placed order's apology (propose-discount-offer.ts says why).
      priorDiscountCents: o.discountCents ?? 0,
    });
    for (const why of c.clampedBy) out.clampedBy[why] = (out.clampedBy[why] ?? 0) + 1;
    if (c.clampedBy.includes('daily_budget')) exhausted.add(day);
    if (c.amountCents <= 0) continue;
    out.offers += 1;
    out.totalCostCents += c.amountCents;
    out.maxOfferPercent = Math.max(out.maxOfferPercent, c.percent);
    spentByDay.set(day, (spentByDay.get(day) ?? 0) + c.amountCents);
    offersByCustomer.set(customer, [...recent, t]);
  }
  out.marginAfterCents = out.grossMarginCents - out.totalCostCents;
  const rateBefore = out.revenueCents ? out.grossMarginCents / out.revenueCents : 0;
  const netRevenue = out.revenueCents - out.totalCostCents;
  const rateAfter = netRevenue > 0 ? out.marginAfterCents / netRevenue : 0;
  out.marginImpactPoints = Math.round((rateAfter - rateBefore) * 10_000) / 100;
  out.maxOfferPercent = Math.round(out.maxOfferPercent * 100) / 100;
  out.budgetExhaustedDays = exhausted.size;
  return out;
}

const SAMPLE_CATEGORIES = [
  'Furniture',
  'Décor & Pillows',
  'Outdoor',
  'Kitchen & Tabletop',
  'Lighting',
  'Appliances',
  'Rugs',
];

/**
 * Seeded stand-in order history (used by tests, and by the console until the checkout
 * module's order history is wired in): `days` days of orders from a pool of repeat customers.
 */
export function generatePastOrders(
  opts: { seed?: number; days?: number; perDay?: number; end?: Date } = {},
): PastOrder[] {
  const rng = createRng(opts.seed ?? 42);
  const days = opts.days ?? 14;
  const end = (opts.end ?? new Date()).getTime();
  const customers = Array.from({ length: Math.max(10, (opts.perDay ?? 30) * 3) }, (_, i) => `customer${i}@example.com`);
  const out: PastOrder[] = [];
  for (let d = 0; d < days; d++) {
    for (let k = 0; k < (opts.perDay ?? 30); k++) {
      const lines = Array.from({ length: rng.int(1, 3) }, (_, j) => {
        const cat = rng.pick(SAMPLE_CATEGORIES);
        const price = Math.round(rng.logNormal(cat === 'Furniture' || cat === 'Appliances' ? 30_000 : 5_000, 0.6));
        return {
          variantId: `var_${d}_${k}_${j}`,
          productId: `prod_${d}_${k}_${j}`,
          categoryPath: [cat],
          unitPriceCents: price,
          quantity: rng.int(1, 2),
        };
      });
      out.push({
        orderId: `sim_${d}_${k}`,
        customerEmail: rng.pick(customers),
        placedAt: new Date(end - (days - d) * DAY_MS + rng.int(0, DAY_MS - 1)),
        lines,
      });
    }
  }
  return out;
}
