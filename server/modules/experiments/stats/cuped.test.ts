import { describe, expect, it } from 'vitest';
import { cupedAdjust, cupedTheta } from './cuped';
import { seededRng } from './rng';
import { moments } from './summary';

describe('CUPED', () => {
  const rng = seededRng(3);
  // Pre-period spend predicts in-experiment spend (ρ ≈ 0.8); treatment adds +1.
  const arm = (lift: number) =>
    Array.from({ length: 5_000 }, () => {
      const pre = 10 + 3 * rng.normal();
      return { pre, y: 0.8 * pre + 1.8 * rng.normal() + 2 + lift };
    });
  const control = arm(0);
  const treatment = arm(1);

  it('estimates θ = Cov(Y, X) / Var(X)', () => {
    expect(cupedTheta([...control, ...treatment])).toBeCloseTo(0.8, 1);
  });

  it('keeps the difference unbiased and cuts variance by about ρ²', () => {
    const [c, t] = cupedAdjust([control, treatment]);
    const raw = moments(control.map((u) => u.y));
    const adj = moments(c!);
    // SE of the adjusted difference ≈ 1.8·sqrt(2/5000) = 0.036: allow three of them.
    expect(Math.abs(moments(t!).mean - adj.mean - 1)).toBeLessThan(0.11);
    // ρ² = (0.8·3)² / ((0.8·3)² + 1.8²) = 0.64, so the variance should fall to ≈ 36%.
    expect(adj.variance / raw.variance).toBeGreaterThan(0.3);
    expect(adj.variance / raw.variance).toBeLessThan(0.42);
  });
});
