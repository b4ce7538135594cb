import { describe, expect, it } from 'vitest';
import { sampleRatioMismatch } from './srm';

describe('sampleRatioMismatch', () => {
  it('computes the chi-square goodness of fit against the allocation', () => {
    // 10,000 vs 10,300 at 50/50: χ² = 2·150²/10,150 = 4.433, p = 0.0352 (R: chisq.test(c(10000, 10300))).
    const r = sampleRatioMismatch([10_000, 10_300], [50, 50]);
    expect(r.chiSquare).toBeCloseTo(4.4335, 3);
    expect(r.pValue).toBeCloseTo(0.0352, 3);
    expect(r.mismatch).toBe(false);
  });

  it('flags a skewed split below p = 0.001', () => {
    const r = sampleRatioMismatch([10_000, 10_600], [50, 50]);
    expect(r.pValue).toBeLessThan(0.001);
    expect(r.mismatch).toBe(true);
  });

  it('respects unequal allocations', () => {
    expect(sampleRatioMismatch([9_000, 1_000], [90, 10]).chiSquare).toBe(0);
  });
});
