// Absolute and relative lift with intervals from the two arms' means and variances of means.
// Relative lift uses the delta method for the ratio of two independent means.
import { normalQuantile, twoSidedNormalP } from './distributions';

export type ArmEstimate = { mean: number; varianceOfMean: number };
export type Interval = { low: number; high: number };
export type LiftResult = {
  absolute: number;
  absoluteCi: Interval;
  relative: number;
  relativeCi: Interval;
  pValue: number;
};

export function liftIntervals(control: ArmEstimate, treatment: ArmEstimate, alpha = 0.05): LiftResult {
  const z = normalQuantile(1 - alpha / 2);
  const absolute = treatment.mean - control.mean;
  const seAbs = Math.sqrt(control.varianceOfMean + treatment.varianceOfMean);
  const relative = control.mean === 0 ? 0 : treatment.mean / control.mean - 1;
  // Var(T/C) ≈ Var(T)/C² + T²·Var(C)/C⁴ for independent arms.
  const seRel =
    control.mean === 0
      ? 0
      : Math.sqrt(
          treatment.varianceOfMean / control.mean ** 2 +
            (treatment.mean ** 2 * control.varianceOfMean) / control.mean ** 4,
        );
  return {
    absolute,
    absoluteCi: { low: absolute - z * seAbs, high: absolute + z * seAbs },
    relative,
    relativeCi: { low: relative - z * seRel, high: relative + z * seRel },
    pValue: seAbs === 0 ? 1 : twoSidedNormalP(absolute / seAbs),
  };
}
