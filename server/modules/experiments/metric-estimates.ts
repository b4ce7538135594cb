// Turn per-arm aggregates into what the stats need: a rate (successes / units) for binary
// per-unit metrics (click-through, add-to-cart, conversion), a mean of per-unit values for
// revenue per visitor (Welch-style normal test on per-unit revenue cents), and delta-method
// ratios where the denominator varies by unit (zero-result rate per query, AOV = revenue /
// orders, refund rate = refunded orders / orders): those per-query or per-order values are
// not independent observations. `HIGHER_IS_BETTER` drives guardrails and P(better).
import type { MetricName } from './experiments.schema';
import { ratioEstimate } from './stats/ratio';
import type { ArmEstimate } from './stats/lift';
import type { ArmUnitAggregates, SumSq } from './unit-metrics';

export type MetricEstimate =
  | { kind: 'rate'; successes: number; n: number; estimate: ArmEstimate }
  | { kind: 'mean'; n: number; estimate: ArmEstimate; variance: number }
  | { kind: 'ratio'; n: number; estimate: ArmEstimate };

export const HIGHER_IS_BETTER: Record<MetricName, boolean> = {
  search_click_through: true,
  zero_result_rate: false,
  add_to_cart_rate: true,
  conversion_rate: true,
  revenue_per_visitor: true,
  average_order_value: true,
  refund_rate: false,
};

/** Metrics whose values are money in cents (shown as currency). */
export const MONEY_METRICS: ReadonlySet<MetricName> = new Set(['revenue_per_visitor', 'average_order_value']);

const rate = (successes: number, n: number): MetricEstimate => {
  const p = n ? successes / n : 0;
  return { kind: 'rate', successes, n, estimate: { mean: p, varianceOfMean: n ? (p * (1 - p)) / n : 0 } };
};

/** Sample variance (n − 1) from a sum and a sum of squares. */
export const sampleVariance = (s: SumSq, n: number) => (n > 1 ? Math.max(0, (s.sumSq - (s.sum * s.sum) / n) / (n - 1)) : 0);
/** Sample covariance from two sums and the sum of products. */
export const sampleCovariance = (sx: number, sy: number, sxy: number, n: number) => (n > 1 ? (sxy - (sx * sy) / n) / (n - 1) : 0);

function ratio(n: number, num: SumSq, den: SumSq, cross: number): MetricEstimate | null {
  if (den.sum === 0) return null;
  const estimate = ratioEstimate({
    n,
    meanNumerator: num.sum / n,
    meanDenominator: den.sum / n,
    varNumerator: sampleVariance(num, n),
    varDenominator: sampleVariance(den, n),
    covariance: sampleCovariance(num.sum, den.sum, cross, n),
  });
  return { kind: 'ratio', n, estimate };
}

/** null when the metric has no source (no orders wired) or no data. */
export function estimateMetric(metric: MetricName, a: ArmUnitAggregates): MetricEstimate | null {
  const n = a.units;
  if (n === 0) return null;
  const o = a.orders;
  switch (metric) {
    case 'search_click_through':
      return rate(a.clickers, n);
    case 'add_to_cart_rate':
      return rate(a.carters, n);
    case 'zero_result_rate':
      return ratio(n, a.zeroQueries, a.queries, a.queriesZeroCross);
    case 'conversion_rate':
      return o ? rate(o.converters, n) : null;
    case 'revenue_per_visitor': {
      if (!o) return null;
      const variance = sampleVariance(o.revenue, n);
      return { kind: 'mean', n, variance, estimate: { mean: o.revenue.sum / n, varianceOfMean: variance / n } };
    }
    case 'average_order_value':
      return o ? ratio(n, o.revenue, o.orders, o.revenueOrdersCross) : null;
    case 'refund_rate':
      return o ? ratio(n, o.refunded, o.orders, o.refundedOrdersCross) : null;
    default:
      return null;
  }
}
