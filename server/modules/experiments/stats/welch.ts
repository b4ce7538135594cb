// Welch's unequal-variance t-test (Welch 1947) with the Welch–Satterthwaite degrees of freedom.
import { studentTCdf, studentTQuantile } from './distributions';
import type { Interval } from './lift';
import type { Moments } from './summary';

export type WelchResult = { t: number; df: number; pValue: number; difference: number; ci: Interval };

export function welchTTest(control: Moments, treatment: Moments, alpha = 0.05): WelchResult {
  const vc = control.variance / control.n;
  const vt = treatment.variance / treatment.n;
  const se = Math.sqrt(vc + vt);
  const difference = treatment.mean - control.mean;
  const df = (vc + vt) ** 2 / (vc ** 2 / (control.n - 1) + vt ** 2 / (treatment.n - 1));
  const t = se === 0 ? 0 : difference / se;
  const q = studentTQuantile(1 - alpha / 2, df);
  return {
    t,
    df,
    pValue: se === 0 ? 1 : 2 * (1 - studentTCdf(Math.abs(t), df)),
    difference,
    ci: { low: difference - q * se, high: difference + q * se },
  };
}
