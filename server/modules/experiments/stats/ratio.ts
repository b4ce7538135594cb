// Ratio metrics (revenue per visitor when the unit is a session but revenue sits on orders;
// AOV = revenue / orders) are means of ratios of per-unit sums, whose units are not independent
// observations of the ratio. The delta method (Deng et al. 2018, "Applying the Delta Method in
// Metric Analytics") gives the variance of the ratio of means from per-unit moments.
import type { ArmEstimate } from './lift';

export type RatioMoments = {
  n: number;
  meanNumerator: number;
  meanDenominator: number;
  varNumerator: number;
  varDenominator: number;
  covariance: number;
};

export function ratioEstimate(m: RatioMoments): ArmEstimate {
  const r = m.meanNumerator / m.meanDenominator;
  // Var(X̄/Ȳ) ≈ (Var X − 2r Cov(X,Y) + r² Var Y) / (n μ_Y²)
  const varianceOfMean =
    (m.varNumerator - 2 * r * m.covariance + r * r * m.varDenominator) / (m.n * m.meanDenominator ** 2);
  return { mean: r, varianceOfMean: Math.max(0, varianceOfMean) };
}
