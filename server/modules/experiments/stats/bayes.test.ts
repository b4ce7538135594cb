import { describe, expect, it } from 'vitest';
import { bayesCompare, posterior, probabilityToBeatExact, probabilityToBeatNormal } from './bayes';

describe('Beta-Binomial comparison', () => {
  it('exact P(beat) matches a hand-integrated case', () => {
    // X ~ Beta(2,1), Y ~ Beta(1,2): P(X > Y) = ∫ 2x·(2x − x²) dx over [0,1] = 4/3 − 1/2 = 5/6.
    expect(probabilityToBeatExact({ alpha: 1, beta: 2 }, { alpha: 2, beta: 1 })).toBeCloseTo(5 / 6, 10);
  });

  it('Monte Carlo agrees with the closed form and is reproducible', () => {
    const c = { successes: 100, n: 1000 };
    const t = { successes: 120, n: 1000 };
    const exact = probabilityToBeatExact(posterior(c), posterior(t));
    const mc = bayesCompare(c, t, 40_000, 7);
    expect(mc.probabilityToBeatControl).toBeCloseTo(exact, 2);
    expect(bayesCompare(c, t, 40_000, 7)).toEqual(mc);
    expect(mc.expectedLoss).toBeGreaterThan(0);
    expect(mc.expectedLoss).toBeLessThan(0.002);
  });

  it('identical arms are a coin flip', () => {
    const c = { successes: 50, n: 500 };
    expect(probabilityToBeatExact(posterior(c), posterior(c))).toBeCloseTo(0.5, 2);
    expect(probabilityToBeatNormal({ mean: 1, varianceOfMean: 0.1 }, { mean: 1, varianceOfMean: 0.1 })).toBe(0.5);
  });
});
