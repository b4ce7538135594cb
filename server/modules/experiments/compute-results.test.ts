import { describe, expect, it } from 'vitest';
import { computeResults, type ExperimentDef } from './compute-results';
import { plainSummary } from './plain-summary';
import type { ArmUnitAggregates } from './unit-metrics';

const def: ExperimentDef = {
  arms: [
    { key: 'control', allocation: 50 },
    { key: 'b', allocation: 50 },
  ],
  primaryMetric: 'search_click_through',
  secondaryMetrics: ['add_to_cart_rate', 'conversion_rate'],
  guardrailMetrics: [],
  baselineRate: 0.2,
  mde: 0.1,
};

const arm = (name: string, units: number, clickers: number, carters: number): ArmUnitAggregates => ({
  arm: name,
  units,
  clickers,
  carters,
  queries: { sum: units, sumSq: units },
  zeroQueries: { sum: 0, sumSq: 0 },
  queriesZeroCross: 0,
});

describe('computeResults', () => {
  it('matches the two-proportion test, Holm-adjusts across metrics and lists unmeasured ones', () => {
    // Same counts as the R prop.test example in stats/proportions.test.ts.
    const r = computeResults(def, [arm('control', 1000, 200, 100), arm('b', 1000, 250, 100)]);
    const primary = r.comparisons.find((c) => c.metric === 'search_click_through')!;
    expect(primary.absolute).toBeCloseTo(0.05, 10);
    expect(primary.pValue).toBeCloseTo(0.007419, 5); // R prop.test(c(250, 200), c(1000, 1000), correct = FALSE)
    expect(primary.adjustedPValue).toBeCloseTo(Math.min(1, 2 * primary.pValue), 10);
    expect(r.unavailable).toEqual(['conversion_rate']);
    expect(r.decidable).toBe(true);
    // The always-valid p-value is more conservative at one look (τ from a 2-point MDE):
    // p ≈ 0.21 here, so the summary does not call it yet, though the fixed-horizon p is 0.007.
    expect(primary.alwaysValidPValue).toBeGreaterThan(0.1);
    expect(plainSummary(r)[0]).toContain('No reliable difference on search_click_through for b yet');
    const big = computeResults(def, [arm('control', 10_000, 2_000, 1_000), arm('b', 10_000, 2_500, 1_000)]);
    expect(plainSummary(big)[0]).toContain('b is 25.0% higher than control on search_click_through');
  });

  it('refuses a verdict under SRM', () => {
    const r = computeResults(def, [arm('control', 1000, 200, 100), arm('b', 1300, 325, 130)]);
    expect(r.srm.mismatch).toBe(true);
    expect(r.decidable).toBe(false);
    expect(plainSummary(r)).toHaveLength(1);
    expect(plainSummary(r)[0]).toContain('sample ratio mismatch');
  });
});
