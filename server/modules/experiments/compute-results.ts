// Pure results: per-arm metric table with intervals, lift, fixed-horizon and always-valid
// p-values (Holm-adjusted across every treatment × metric comparison), P(beat control), SRM
// and guardrail status. Kept free of the database so it is tested on numbers alone.
import type { MetricName } from './experiments.schema';
import { estimateMetric, HIGHER_IS_BETTER } from './metric-estimates';
import { bayesCompare, probabilityToBeatNormal } from './stats/bayes';
import { holmAdjust } from './stats/holm';
import { liftIntervals, type LiftResult } from './stats/lift';
import { mixingVarianceFromMde, msprtPValue } from './stats/msprt';
import { twoProportionZTest } from './stats/proportions';
import { sampleRatioMismatch, type SrmResult } from './stats/srm';
import type { ArmUnitAggregates } from './unit-metrics';

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
};

export type Results = {
  units: Record<string, number>;
  srm: SrmResult;
  comparisons: Comparison[];
  unavailable: MetricName[];
  guardrailBreaches: Comparison[];
  decidable: boolean;
};

export function computeResults(def: ExperimentDef, aggregates: ArmUnitAggregates[]): Results {
  const byArm = new Map(aggregates.map((a) => [a.arm, a]));
  const empty = (arm: string): ArmUnitAggregates => ({
    arm,
    units: 0,
    clickers: 0,
    carters: 0,
    queries: { sum: 0, sumSq: 0 },
    zeroQueries: { sum: 0, sumSq: 0 },
    queriesZeroCross: 0,
  });
  const arms = def.arms.map((a) => byArm.get(a.key) ?? empty(a.key));
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
    // τ from the planned MDE on the baseline, fixed before launch (Johari et al. §4.3).
    const tau2 = mixingVarianceFromMde(def.baselineRate * def.mde);
    for (const arm of treatments) {
      const t = estimateMetric(metric, arm);
      if (!t) continue;
      // Rates get the textbook pooled-SE z-test p-value; ratios the delta-method Wald test.
      const lift =
        c.kind === 'rate' && t.kind === 'rate'
          ? twoProportionZTest({ successes: c.successes, n: c.n }, { successes: t.successes, n: t.n }, ALPHA)
          : liftIntervals(c.estimate, t.estimate, ALPHA);
      const bayes =
        c.kind === 'rate' && t.kind === 'rate'
          ? bayesCompare({ successes: c.successes, n: c.n }, { successes: t.successes, n: t.n })
          : { probabilityToBeatControl: probabilityToBeatNormal(c.estimate, t.estimate), expectedLoss: null };
      raw.push({
        ...lift,
        metric,
        role,
        arm: arm.arm,
        controlMean: c.estimate.mean,
        armMean: t.estimate.mean,
        // One look here; the results service folds in earlier looks' p-values (running minimum).
        alwaysValidPValue: msprtPValue(1, lift.absolute, c.estimate.varianceOfMean + t.estimate.varianceOfMean, tau2),
        probabilityToBeatControl: HIGHER_IS_BETTER[metric] ? bayes.probabilityToBeatControl : 1 - bayes.probabilityToBeatControl,
        expectedLoss: bayes.expectedLoss,
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
  };
}
