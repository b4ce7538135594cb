// Beta-Binomial posteriors for rates (uniform Beta(1,1) prior), the probability that an arm
// beats control and the expected loss of shipping it. P(beat) has a closed form (Evan Miller,
// "Formulas for Bayesian A/B Testing", 2015) used to check the Monte Carlo, which also yields
// the expected loss E[max(c − t, 0)] and works for any number of arms.
import { betaLn, normalCdf } from './distributions';
import type { ArmEstimate } from './lift';
import type { Counts } from './proportions';
import { seededRng } from './rng';

export type BetaPosterior = { alpha: number; beta: number };
export type BayesResult = { probabilityToBeatControl: number; expectedLoss: number };

export const posterior = (c: Counts): BetaPosterior => ({ alpha: 1 + c.successes, beta: 1 + c.n - c.successes });

/** Exact P(T > C) for integer treatment alpha (Evan Miller's sum); O(alpha). */
export function probabilityToBeatExact(control: BetaPosterior, treatment: BetaPosterior): number {
  let total = 0;
  for (let i = 0; i < treatment.alpha; i++) {
    total += Math.exp(
      betaLn(control.alpha + i, control.beta + treatment.beta) -
        Math.log(treatment.beta + i) -
        betaLn(1 + i, treatment.beta) -
        betaLn(control.alpha, control.beta),
    );
  }
  return total;
}

export function bayesCompare(control: Counts, treatment: Counts, draws = 20_000, seed = 1): BayesResult {
  const rng = seededRng(seed);
  const c = posterior(control);
  const t = posterior(treatment);
  let wins = 0;
  let loss = 0;
  for (let i = 0; i < draws; i++) {
    const pc = rng.beta(c.alpha, c.beta);
    const pt = rng.beta(t.alpha, t.beta);
    if (pt > pc) wins++;
    else loss += pc - pt;
  }
  return { probabilityToBeatControl: wins / draws, expectedLoss: loss / draws };
}

/** Normal approximation for means (revenue, AOV): P(T > C) from two independent normals. */
export function probabilityToBeatNormal(control: ArmEstimate, treatment: ArmEstimate): number {
  const se = Math.sqrt(control.varianceOfMean + treatment.varianceOfMean);
  return se === 0 ? 0.5 : normalCdf((treatment.mean - control.mean) / se);
}
