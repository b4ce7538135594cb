// Pure results: per-arm metric table with intervals, lift, fixed-horizon and always-valid
// p-values (Holm-adjusted across every treatment × metric comparison), P(beat control), SRM
// and guardrail status. Kept free of the database so it is tested on numbers alone.
import { cupedEstimates } from './cuped-estimates';
import { METRICS, type MetricName } from './experiments.schema';
import { estimateMetric, HIGHER_IS_BETTER, MONEY_METRICS } from './metric-estimates';
import { bayesCompare, probabilityToBeatNormal } from './stats/bayes';
import { holmAdjust } from './stats/holm';
import { liftIntervals, type LiftResult } from './stats/lift';
import { mixingVarianceFromMde, msprtPValue } from './stats/msprt';
import { twoProportionZTest } from './stats/proportions';
import { sampleRatioMismatch, type SrmResult } from './stats/srm';
import { emptyAggregates, type ArmUnitAggregates } from './unit-metrics';

export const ALPHA = 0.05;

export type ExperimentDef = {
  arms: { key: string; allocation: number }[];
  primaryMetric: MetricName | null;
  secondaryMetrics: MetricName[];
  guardrailMetrics: MetricName[];
  baselineRate: number;
  mde: number;
};

export type Comparison = LiftResult & {
  metric: MetricName;
  role: 'primary' | 'secondary' | 'guardrail';
  arm: string;
  controlMean: number;
  armMean: number;
  adjustedPValue: number;
  alwaysValidPValue: number;
  probabilityToBeatControl: number;
  expectedLoss: number | null;
  /** Significantly worse on this metric (guardrails use this to stop). */
  degraded: boolean;
  /**
   * Set when CUPED adjusted this comparison: θ, and the share of the difference's variance
   * the pre-period covariate removed (0.3 = 30% narrower variance than unadjusted).
   */
  cuped: { theta: number; varianceReduction: number } | null;
};

/** Every metric's point value per arm (null = no data), for the per-arm and per-day tables. */
export type ArmMetricValues = { arm: string; units: number; values: Partial<Record<MetricName, number | null>> };

export function armMetricValues(a: ArmUnitAggregates): ArmMetricValues {
  return {
    arm: a.arm,
    units: a.units,
    values: Object.fromEntries(METRICS.map((m) => [m, estimateMetric(m, a)?.estimate.mean ?? null])),
  };
}

export type Results = {
  units: Record<string, number>;
  srm: SrmResult;
  comparisons: Comparison[];
  unavailable: MetricName[];
  guardrailBreaches: Comparison[];
  decidable: boolean;
  arms: ArmMetricValues[];
};

export function computeResults(def: ExperimentDef, aggregates: ArmUnitAggregates[]): Results {
  const byArm = new Map(aggregates.map((a) => [a.arm, a]));
  const withOrders = aggregates.some((a) => a.orders);
  const arms = def.arms.map((a) => byArm.get(a.key) ?? emptyOf(a.key, withOrders));
  const [control, ...treatments] = arms;
  const srm = sampleRatioMismatch(arms.map((a) => a.units), def.arms.map((a) => a.allocation));
  const roles: [MetricName, Comparison['role']][] = [
    ...(def.primaryMetric ? [[def.primaryMetric, 'primary'] as [MetricName, 'primary']] : []),
    ...def.secondaryMetrics.map((m) => [m, 'secondary'] as [MetricName, 'secondary']),
    ...def.guardrailMetrics.map((m) => [m, 'guardrail'] as [MetricName, 'guardrail']),
  ];
  const unavailable: MetricName[] = [];
  const raw: Omit<Comparison, 'adjustedPValue' | 'degraded'>[] = [];
  for (const [metric, role] of roles) {
    const c = estimateMetric(metric, control!);
    if (!c) {
      unavailable.push(metric);
      continue;
    }
    const cuped = cupedEstimates(metric, arms);
    // τ from the planned MDE on the baseline, fixed before launch (Johari et al. §4.3).
    const tau2 = mixingVarianceFromMde(def.baselineRate * def.mde);
    for (const arm of treatments) {
      const t = estimateMetric(metric, arm);
      if (!t) continue;
      // CUPED-adjusted means when a pre-period covariate exists (normal test on the adjusted
      // difference); else rates get the textbook pooled-SE z-test, means the Welch-style test
      // on per-unit values, ratios the delta-method Wald test.
      const cc = cuped?.arms.get(control!.arm);
      const ct = cuped?.arms.get(arm.arm);
      const adjusted = cuped && cc && ct ? { c: cc, t: ct, theta: cuped.theta } : null;
      const lift = adjusted
        ? liftIntervals(adjusted.c.adjusted, adjusted.t.adjusted, ALPHA)
        : c.kind === 'rate' && t.kind === 'rate'
          ? twoProportionZTest({ successes: c.successes, n: c.n }, { successes: t.successes, n: t.n }, ALPHA)
          : liftIntervals(c.estimate, t.estimate, ALPHA);
      const estimates = adjusted ? { c: adjusted.c.adjusted, t: adjusted.t.adjusted } : { c: c.estimate, t: t.estimate };
      const bayes =
        c.kind === 'rate' && t.kind === 'rate'
          ? bayesCompare({ successes: c.successes, n: c.n }, { successes: t.successes, n: t.n })
          : { probabilityToBeatControl: probabilityToBeatNormal(estimates.c, estimates.t), expectedLoss: null };
      raw.push({
        ...lift,
        metric,
        role,
        arm: arm.arm,
        controlMean: c.estimate.mean,
        armMean: t.estimate.mean,
        // One look here; the results service folds in earlier looks' p-values (running minimum).
        alwaysValidPValue: msprtPValue(1, lift.absolute, estimates.c.varianceOfMean + estimates.t.varianceOfMean, tau2 * mixingScale(metric, c.estimate.mean, def.baselineRate)),
        probabilityToBeatControl: HIGHER_IS_BETTER[metric] ? bayes.probabilityToBeatControl : 1 - bayes.probabilityToBeatControl,
        expectedLoss: bayes.expectedLoss,
        cuped: adjusted
          ? {
              theta: adjusted.theta,
              varianceReduction:
                1 -
                (adjusted.c.adjusted.varianceOfMean + adjusted.t.adjusted.varianceOfMean) /
                  (adjusted.c.raw.varianceOfMean + adjusted.t.raw.varianceOfMean || 1),
            }
          : null,
      });
    }
  }
  const adjusted = holmAdjust(raw.map((r) => r.pValue));
  const comparisons = raw.map((r, i) => {
    const worse = HIGHER_IS_BETTER[r.metric] ? r.absolute < 0 : r.absolute > 0;
    // Guardrails are checked with the always-valid p-value: they are looked at continuously.
    return { ...r, adjustedPValue: adjusted[i]!, degraded: worse && r.alwaysValidPValue < ALPHA };
  });
  const guardrailBreaches = comparisons.filter((c) => c.role === 'guardrail' && c.degraded);
  return {
    units: Object.fromEntries(arms.map((a) => [a.arm, a.units])),
    srm,
    comparisons,
    unavailable,
    guardrailBreaches,
    decidable: !srm.mismatch,
    arms: arms.map(armMetricValues),
  };
}

function emptyOf(arm: string, withOrders: boolean): ArmUnitAggregates {
  const e = emptyAggregates(arm);
  if (!withOrders) return e;
  const z = { sum: 0, sumSq: 0 };
  return {
    ...e,
    orders: {
      converters: 0,
      orders: z,
      revenue: z,
      refunded: z,
      revenueOrdersCross: 0,
      refundedOrdersCross: 0,
      preRevenue: z,
      preEvents: z,
      revenuePreRevenueCross: 0,
      convertedPreEventsCross: 0,
    },
  };
}

/**
 * τ² is planned as (baseline rate × relative MDE)², on the scale of rates, which every rate
 * metric shares. Money metrics (cents) get τ = control mean × relative MDE instead, so the
 * mixture stays "the planned relative effect on this metric's scale".
 */
function mixingScale(metric: MetricName, controlMean: number, baselineRate: number): number {
  if (!MONEY_METRICS.has(metric) || controlMean <= 0) return 1;
  return (controlMean / baselineRate) ** 2;
}
