// Sample ratio mismatch: a chi-square goodness-of-fit test of observed units per arm against
// the planned allocation. p < 0.001 is the conventional alarm (Fabijan et al. 2019, "Diagnosing
// Sample Ratio Mismatch"): at that level a real mismatch is a bug, not bad luck.
import { chiSquareSf } from './distributions';

export const SRM_ALPHA = 0.001;

export type SrmResult = { chiSquare: number; df: number; pValue: number; mismatch: boolean };

export function sampleRatioMismatch(observed: readonly number[], allocation: readonly number[]): SrmResult {
  const total = observed.reduce((a, b) => a + b, 0);
  const weight = allocation.reduce((a, b) => a + b, 0);
  let chiSquare = 0;
  observed.forEach((o, i) => {
    const expected = (total * allocation[i]!) / weight;
    if (expected > 0) chiSquare += (o - expected) ** 2 / expected;
  });
  const df = observed.length - 1;
  const pValue = total === 0 ? 1 : chiSquareSf(chiSquare, df);
  return { chiSquare, df, pValue, mismatch: pValue < SRM_ALPHA };
}
