// Validation by simulation (issue 8): on data with no effect the tests must reject at about α,
// the always-valid mSPRT p-value must stay under α even when checked after every batch, and a
// planned experiment with a real lift must reach about its planned power. Seeds are fixed.
import { describe, expect, it } from 'vitest';
import { mixingVarianceFromMde, msprtPValue } from './msprt';
import { plannedSampleSize, twoProportionZTest } from './proportions';
import { seededRng, type Rng } from './rng';
import { welchTTest } from './welch';

const EXPERIMENTS = 2_000;
const binomial = (rng: Rng, n: number, p: number) => {
  let k = 0;
  for (let i = 0; i < n; i++) if (rng.uniform() < p) k++;
  return k;
};

describe('A/A simulation, fixed horizon', () => {
  it('two-proportion z-test rejects in [3%, 7%] at α = 0.05', () => {
    const rng = seededRng(20261127);
    let rejections = 0;
    for (let e = 0; e < EXPERIMENTS; e++) {
      const c = { successes: binomial(rng, 2_000, 0.1), n: 2_000 };
      const t = { successes: binomial(rng, 2_000, 0.1), n: 2_000 };
      if (twoProportionZTest(c, t).pValue < 0.05) rejections++;
    }
    const rate = rejections / EXPERIMENTS;
    expect(rate).toBeGreaterThanOrEqual(0.03);
    expect(rate).toBeLessThanOrEqual(0.07);
  });

  it('Welch t-test on skewed revenue rejects in [3%, 7%] at α = 0.05', () => {
    const rng = seededRng(99);
    // Log-normal order values: the skew real revenue has.
    const sample = () => {
      let sum = 0;
      let sq = 0;
      for (let i = 0; i < 500; i++) {
        const x = Math.exp(3 + 0.8 * rng.normal());
        sum += x;
        sq += x * x;
      }
      const mean = sum / 500;
      return { n: 500, mean, variance: (sq - 500 * mean * mean) / 499 };
    };
    let rejections = 0;
    for (let e = 0; e < EXPERIMENTS; e++) if (welchTTest(sample(), sample()).pValue < 0.05) rejections++;
    const rate = rejections / EXPERIMENTS;
    expect(rate).toBeGreaterThanOrEqual(0.03);
    expect(rate).toBeLessThanOrEqual(0.07);
  });
});

describe('A/A simulation with peeking after every batch', () => {
  // 20 looks of 200 units per arm each; τ from an absolute MDE of 2 points on a 10% base.
  const looks = 20;
  const batch = 200;
  const tau2 = mixingVarianceFromMde(0.02);

  function run(seed: number) {
    const rng = seededRng(seed);
    let naive = 0;
    let sequential = 0;
    for (let e = 0; e < EXPERIMENTS; e++) {
      let sc = 0;
      let st = 0;
      let p = 1;
      let naiveRejected = false;
      for (let look = 1; look <= looks; look++) {
        sc += binomial(rng, batch, 0.1);
        st += binomial(rng, batch, 0.1);
        const n = look * batch;
        const pc = sc / n;
        const pt = st / n;
        const variance = (pc * (1 - pc) + pt * (1 - pt)) / n;
        p = msprtPValue(p, pt - pc, variance, tau2);
        if (!naiveRejected && twoProportionZTest({ successes: sc, n }, { successes: st, n }).pValue < 0.05) naiveRejected = true;
      }
      if (naiveRejected) naive++;
      if (p < 0.05) sequential++;
    }
    return { naive: naive / EXPERIMENTS, sequential: sequential / EXPERIMENTS };
  }

  it('mSPRT stays at or below α while the naive fixed-horizon p-value does not', () => {
    const { naive, sequential } = run(4242);
    expect(sequential).toBeLessThanOrEqual(0.05 + 0.01);
    // The peeking error the console must never invite: ~20–25% false positives at 20 looks.
    expect(naive).toBeGreaterThan(0.12);
  });
});

describe('known-lift simulation', () => {
  it('reaches the planned 80% power for 10% → 12%', () => {
    const n = plannedSampleSize(0.1, 0.2, 0.05, 0.8);
    const rng = seededRng(8);
    let detected = 0;
    for (let e = 0; e < EXPERIMENTS; e++) {
      const c = { successes: binomial(rng, n, 0.1), n };
      const t = { successes: binomial(rng, n, 0.12), n };
      if (twoProportionZTest(c, t).pValue < 0.05) detected++;
    }
    const power = detected / EXPERIMENTS;
    expect(power).toBeGreaterThan(0.76);
    expect(power).toBeLessThan(0.84);
  });
});
