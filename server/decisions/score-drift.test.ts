import { describe, expect, it } from 'vitest';
import { populationStabilityIndex } from './score-drift';

/** Deterministic pseudo-random numbers (mulberry32), so the test asserts exact behaviour. */
function rng(seed: number) {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
const sample = (n: number, seed: number, f: (u: number) => number) => {
  const r = rng(seed);
  return Array.from({ length: n }, () => f(r()));
};

describe('populationStabilityIndex', () => {
  it('is ~0 for the same distribution and large for a shifted one', () => {
    const reference = sample(5000, 1, (u) => u);
    expect(
      populationStabilityIndex(
        reference,
        sample(5000, 2, (u) => u),
      ),
    ).toBeLessThan(0.02);
    expect(
      populationStabilityIndex(
        reference,
        sample(5000, 3, (u) => 0.9 * u + 0.05),
      ),
    ).toBeLessThan(0.1);
    expect(
      populationStabilityIndex(
        reference,
        sample(5000, 4, (u) => u * u),
      ),
    ).toBeGreaterThan(0.25);
    expect(
      populationStabilityIndex(
        reference,
        sample(5000, 5, (u) => 0.5 + u / 2),
      ),
    ).toBeGreaterThan(1);
  });

  it('handles empty samples and discrete scores', () => {
    expect(populationStabilityIndex([], [1, 2])).toBe(0);
    expect(populationStabilityIndex([0, 0, 1, 1], [0, 0, 1, 1])).toBe(0);
    expect(populationStabilityIndex([0, 0, 1, 1], [1, 1, 1, 1])).toBeGreaterThan(1);
  });
});
