import { describe, expect, it } from 'vitest';
import { moments } from './summary';
import { welchTTest } from './welch';

describe('welchTTest', () => {
  it("reproduces Wikipedia's Welch's t-test example 1", () => {
    // https://en.wikipedia.org/wiki/Welch%27s_t-test#Examples (example 1): t = −2.46, ν ≈ 25.0, p = 0.021.
    // Our arm order is (control, treatment) and t = treatment − control, so A2 − A1 gives +2.46.
    const a1 = [27.5, 21.0, 19.0, 23.6, 17.0, 17.9, 16.9, 20.1, 21.9, 22.6, 23.1, 19.6, 19.0, 21.7, 21.4];
    const a2 = [27.1, 22.0, 20.8, 23.4, 23.4, 23.5, 25.8, 22.0, 24.8, 20.2, 21.9, 22.1, 22.9, 20.5, 24.4];
    const r = welchTTest(moments(a2), moments(a1));
    expect(r.t).toBeCloseTo(-2.46, 2);
    expect(r.df).toBeCloseTo(25.0, 0);
    expect(r.pValue).toBeCloseTo(0.021, 3);
    expect(r.ci.high).toBeLessThan(0);
  });
});
