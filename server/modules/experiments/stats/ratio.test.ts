import { describe, expect, it } from 'vitest';
import { ratioEstimate } from './ratio';
import { seededRng } from './rng';
import { covariance, moments } from './summary';

describe('ratioEstimate (delta method)', () => {
  it('reduces to the variance of a mean when the denominator is constant', () => {
    const r = ratioEstimate({ n: 100, meanNumerator: 5, meanDenominator: 1, varNumerator: 4, varDenominator: 0, covariance: 0 });
    expect(r.mean).toBe(5);
    expect(r.varianceOfMean).toBeCloseTo(0.04, 12);
  });

  it('matches the sampling variance of AOV across 2,000 simulated samples', () => {
    // Units have 1–3 orders, each worth ~N(50, 15²) cents·100; AOV = Σrevenue / Σorders.
    const rng = seededRng(11);
    const draw = (n: number) => {
      const orders: number[] = [];
      const revenue: number[] = [];
      for (let i = 0; i < n; i++) {
        const k = 1 + Math.floor(rng.uniform() * 3);
        let r = 0;
        for (let j = 0; j < k; j++) r += 50 + 15 * rng.normal();
        orders.push(k);
        revenue.push(r);
      }
      return { orders, revenue };
    };
    const ratios: number[] = [];
    let predicted = 0;
    for (let s = 0; s < 2_000; s++) {
      const { orders, revenue } = draw(200);
      const num = moments(revenue);
      const den = moments(orders);
      const est = ratioEstimate({
        n: 200,
        meanNumerator: num.mean,
        meanDenominator: den.mean,
        varNumerator: num.variance,
        varDenominator: den.variance,
        covariance: covariance(revenue, orders),
      });
      ratios.push(est.mean);
      predicted += est.varianceOfMean / 2_000;
    }
    const empirical = moments(ratios).variance;
    expect(predicted / empirical).toBeGreaterThan(0.9);
    expect(predicted / empirical).toBeLessThan(1.1);
  });
});
