// CUPED (Deng, Xu, Kohavi & Walker 2013): subtract θ·(X − X̄) where X is the unit's pre-period
// value of the metric. θ is pooled across arms so the adjustment cannot favour either arm;
// variance drops by the factor (1 − ρ²) and the difference in means stays unbiased.
import { covariance, moments } from './summary';

export type CupedUnit = { y: number; pre: number };

export function cupedTheta(units: readonly CupedUnit[]): number {
  const pre = units.map((u) => u.pre);
  const v = moments(pre).variance;
  return v === 0 ? 0 : covariance(units.map((u) => u.y), pre) / v;
}

/** Adjusted outcomes for each arm, using one θ and one pre-period mean across all arms. */
export function cupedAdjust(arms: readonly (readonly CupedUnit[])[]): number[][] {
  const all = arms.flat();
  const theta = cupedTheta(all);
  const preMean = all.reduce((a, u) => a + u.pre, 0) / all.length;
  return arms.map((units) => units.map((u) => u.y - theta * (u.pre - preMean)));
}
