// CUPED on aggregates (Deng, Xu, Kohavi & Walker 2013), for the metrics whose pre-period
// covariate exists per unit: revenue per visitor (covariate: the unit's revenue before the
// experiment started) and conversion (covariate: its pre-period activity, orders + search
// events). θ = Cov(Y, X) / Var(X) is pooled over every arm and the adjustment centres on the
// pooled pre-period mean, so it cannot favour an arm and the difference stays unbiased; each
// arm's variance of the adjusted metric is Var Y + θ² Var X − 2θ Cov(X, Y) from its own sums.
// Same algebra as stats/cuped.ts, from sums instead of unit rows.
import type { MetricName } from './experiments.schema';
import type { ArmEstimate } from './stats/lift';
import { sampleCovariance, sampleVariance } from './metric-estimates';
import type { ArmUnitAggregates, SumSq } from './unit-metrics';

export const CUPED_METRICS: ReadonlySet<MetricName> = new Set(['conversion_rate', 'revenue_per_visitor']);

type Parts = { n: number; y: SumSq; x: SumSq; xy: number };

function parts(metric: MetricName, a: ArmUnitAggregates): Parts | null {
  const o = a.orders;
  if (!o || a.units === 0) return null;
  if (metric === 'revenue_per_visitor')
    return { n: a.units, y: o.revenue, x: o.preRevenue, xy: o.revenuePreRevenueCross };
  if (metric === 'conversion_rate')
    return { n: a.units, y: { sum: o.converters, sumSq: o.converters }, x: o.preEvents, xy: o.convertedPreEventsCross };
  return null;
}

export type CupedArm = { arm: string; raw: ArmEstimate; adjusted: ArmEstimate };
export type CupedResult = { theta: number; arms: Map<string, CupedArm> };

/** null when the metric has no covariate or nobody has pre-period data (nothing to adjust by). */
export function cupedEstimates(metric: MetricName, arms: readonly ArmUnitAggregates[]): CupedResult | null {
  if (!CUPED_METRICS.has(metric)) return null;
  const all = arms.map((a) => [a.arm, parts(metric, a)] as const).filter((x): x is readonly [string, Parts] => x[1] !== null);
  if (all.length < 2) return null;
  const total = all.reduce(
    (t, [, p]) => ({
      n: t.n + p.n,
      y: { sum: t.y.sum + p.y.sum, sumSq: t.y.sumSq + p.y.sumSq },
      x: { sum: t.x.sum + p.x.sum, sumSq: t.x.sumSq + p.x.sumSq },
      xy: t.xy + p.xy,
    }),
    { n: 0, y: { sum: 0, sumSq: 0 }, x: { sum: 0, sumSq: 0 }, xy: 0 } as Parts,
  );
  const varX = sampleVariance(total.x, total.n);
  if (varX === 0) return null;
  const theta = sampleCovariance(total.y.sum, total.x.sum, total.xy, total.n) / varX;
  const preMean = total.x.sum / total.n;
  const out = new Map<string, CupedArm>();
  for (const [arm, p] of all) {
    const vy = sampleVariance(p.y, p.n);
    const vx = sampleVariance(p.x, p.n);
    const cxy = sampleCovariance(p.y.sum, p.x.sum, p.xy, p.n);
    const meanY = p.y.sum / p.n;
    out.set(arm, {
      arm,
      raw: { mean: meanY, varianceOfMean: vy / p.n },
      adjusted: {
        mean: meanY - theta * (p.x.sum / p.n - preMean),
        varianceOfMean: Math.max(0, vy + theta * theta * vx - 2 * theta * cxy) / p.n,
      },
    });
  }
  return { theta, arms: out };
}
