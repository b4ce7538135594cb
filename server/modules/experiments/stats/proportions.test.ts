import { describe, expect, it } from 'vitest';
import { plannedSampleSize, sampleSizeForProportions, twoProportionZTest } from './proportions';

describe('twoProportionZTest', () => {
  it('matches R prop.test without continuity correction', () => {
    // R: prop.test(c(250, 200), c(1000, 1000), correct = FALSE)
    //    X-squared = 7.1685, p-value = 0.007419; the z statistic is sqrt(X-squared) = 2.6774.
    const r = twoProportionZTest({ successes: 200, n: 1000 }, { successes: 250, n: 1000 });
    expect(r.z).toBeCloseTo(2.6774, 3);
    expect(r.z ** 2).toBeCloseTo(7.1685, 3);
    expect(r.pValue).toBeCloseTo(0.007419, 5);
    expect(r.absolute).toBeCloseTo(0.05, 10);
    // Unpooled 95% interval: 0.05 ± 1.96·sqrt(.2·.8/1000 + .25·.75/1000) = 0.05 ± 0.03654
    expect(r.absoluteCi.low).toBeCloseTo(0.01346, 4);
    expect(r.absoluteCi.high).toBeCloseTo(0.08654, 4);
    expect(r.relative).toBeCloseTo(0.25, 10);
    expect(r.relativeCi.low).toBeLessThan(0.25);
    expect(r.relativeCi.high).toBeGreaterThan(0.25);
  });
});

describe('sampleSizeForProportions', () => {
  it("matches R's documented power.prop.test example", () => {
    // R ?power.prop.test: power.prop.test(p1 = .50, p2 = .75, power = .90)  # => n = 76.7
    expect(sampleSizeForProportions(0.5, 0.75, 0.05, 0.9)).toBeCloseTo(76.7, 1);
  });

  it('plans whole units per arm from a baseline and a relative MDE', () => {
    // 10% → 12% at α = .05, power .8: the usual ≈ 3,841 per arm (Evan Miller's calculator agrees).
    expect(plannedSampleSize(0.1, 0.2)).toBe(Math.ceil(sampleSizeForProportions(0.1, 0.12)));
    expect(plannedSampleSize(0.1, 0.2)).toBeGreaterThan(3800);
    expect(plannedSampleSize(0.1, 0.2)).toBeLessThan(3900);
  });
});
