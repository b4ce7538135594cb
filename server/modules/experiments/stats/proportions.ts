// Two-proportion z-test (pooled SE for the test, unpooled for the interval, as in most
// textbooks and R's prop.test without continuity correction) and the sample size behind it.
import { normalQuantile, twoSidedNormalP } from './distributions';
import { liftIntervals, type LiftResult } from './lift';

export type Counts = { successes: number; n: number };

export function twoProportionZTest(control: Counts, treatment: Counts, alpha = 0.05): LiftResult & { z: number } {
  const pc = control.successes / control.n;
  const pt = treatment.successes / treatment.n;
  const pooled = (control.successes + treatment.successes) / (control.n + treatment.n);
  const sePooled = Math.sqrt(pooled * (1 - pooled) * (1 / control.n + 1 / treatment.n));
  const z = sePooled === 0 ? 0 : (pt - pc) / sePooled;
  const lift = liftIntervals(
    { mean: pc, varianceOfMean: (pc * (1 - pc)) / control.n },
    { mean: pt, varianceOfMean: (pt * (1 - pt)) / treatment.n },
    alpha,
  );
  return { ...lift, z, pValue: twoSidedNormalP(z) };
}

/**
 * Units per arm to detect p1 → p2 with a two-sided test at alpha with the given power
 * (the normal-approximation formula R's power.prop.test uses).
 */
export function sampleSizeForProportions(p1: number, p2: number, alpha = 0.05, power = 0.8): number {
  const za = normalQuantile(1 - alpha / 2);
  const zb = normalQuantile(power);
  const pBar = (p1 + p2) / 2;
  const num = za * Math.sqrt(2 * pBar * (1 - pBar)) + zb * Math.sqrt(p1 * (1 - p1) + p2 * (1 - p2));
  return (num / Math.abs(p2 - p1)) ** 2;
}

/** Planned units per arm for a baseline rate and a relative minimum detectable effect. */
export function plannedSampleSize(baseline: number, relativeMde: number, alpha = 0.05, power = 0.8): number {
  return Math.ceil(sampleSizeForProportions(baseline, baseline * (1 + relativeMde), alpha, power));
}
