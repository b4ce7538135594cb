// Turn per-arm aggregates into what the stats need: a rate (successes / units) for binary
// per-unit metrics and a delta-method ratio for zero-result rate (queries per unit vary, so
// per-query rates are not independent observations). `higherIsBetter` drives guardrails.
import type { MetricName } from './experiments.schema';
import { ratioEstimate } from './stats/ratio';
import type { ArmEstimate } from './stats/lift';
import type { ArmUnitAggregates } from './unit-metrics';

export type MetricEstimate =
  | { kind: 'rate'; successes: number; n: number; estimate: ArmEstimate }
  | { kind: 'ratio'; n: number; estimate: ArmEstimate };

export const HIGHER_IS_BETTER: Record<MetricName, boolean> = {
  search_click_through: true,
  zero_result_rate: false,
  add_to_cart_rate: true,
  conversion_rate: true,
  revenue_per_visitor: true,
  average_order_value: true,
};

const rate = (successes: number, n: number): MetricEstimate => {
  const p = n ? successes / n : 0;
  return { kind: 'rate', successes, n, estimate: { mean: p, varianceOfMean: n ? (p * (1 - p)) / n : 0 } };
};

const variance = (s: { sum: number; sumSq: number }, n: number) => (n > 1 ? (s.sumSq - (s.sum * s.sum) / n) / (n - 1) : 0);

/** null when the metric has no source yet (orders) or no data. */
export function estimateMetric(metric: MetricName, a: ArmUnitAggregates): MetricEstimate | null {
  const n = a.units;
  if (n === 0) return null;
  switch (metric) {
    case 'search_click_through':
      return rate(a.clickers, n);
    case 'add_to_cart_rate':
      return rate(a.carters, n);
    case 'zero_result_rate': {
      if (a.queries.sum === 0) return null;
      const estimate = ratioEstimate({
        n,
        meanNumerator: a.zeroQueries.sum / n,
        meanDenominator: a.queries.sum / n,
        varNumerator: variance(a.zeroQueries, n),
        varDenominator: variance(a.queries, n),
        covariance: n > 1 ? (a.queriesZeroCross - (a.zeroQueries.sum * a.queries.sum) / n) / (n - 1) : 0,
      });
      return { kind: 'ratio', n, estimate };
    }
    default:
      return null;
  }
}
