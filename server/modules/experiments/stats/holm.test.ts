import { describe, expect, it } from 'vitest';
import { holmAdjust } from './holm';

describe('holmAdjust', () => {
  it('matches R p.adjust(method = "holm")', () => {
    // Wikipedia's Holm–Bonferroni example (p = .01, .04, .03, .005 at α = .05 rejects two);
    // R: p.adjust(c(.01, .04, .03, .005), "holm") → 0.03 0.06 0.06 0.02
    const adjusted = holmAdjust([0.01, 0.04, 0.03, 0.005]);
    [0.03, 0.06, 0.06, 0.02].forEach((p, i) => expect(adjusted[i]).toBeCloseTo(p, 12));
    expect(adjusted.filter((p) => p < 0.05)).toHaveLength(2);
  });

  it('caps at 1 and keeps a single p-value unchanged', () => {
    expect(holmAdjust([0.7, 0.8])).toEqual([1, 1]);
    expect(holmAdjust([0.04])).toEqual([0.04]);
  });
});
