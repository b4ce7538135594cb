// Mixture sequential probability ratio test (Johari, Koomen, Pekelis & Walsh 2017, "Peeking at
// A/B Tests", §4): with a N(0, τ²) mixture over the true difference θ and an estimate θ̂ whose
// variance is V, the likelihood ratio is
//   Λ = sqrt(V / (V + τ²)) · exp(τ² θ̂² / (2 V (V + τ²)))
// and p = min over looks of 1/Λ is an always-valid p-value: the console may show it after every
// event without inflating false positives, unlike the fixed-horizon p-value.
export function msprtLikelihoodRatio(difference: number, varianceOfDifference: number, tau2: number): number {
  const v = varianceOfDifference;
  if (v <= 0) return 1;
  return Math.sqrt(v / (v + tau2)) * Math.exp((tau2 * difference * difference) / (2 * v * (v + tau2)));
}

/** Always-valid p-value after this look, given the previous look's (1 at the start). */
export function msprtPValue(previous: number, difference: number, varianceOfDifference: number, tau2: number): number {
  return Math.min(previous, 1 / msprtLikelihoodRatio(difference, varianceOfDifference, tau2));
}

/**
 * Mixing variance: τ should sit near the effects we care about; the minimum detectable
 * effect (absolute) is the natural choice and is fixed before the experiment starts.
 */
export const mixingVarianceFromMde = (absoluteMde: number) => absoluteMde * absoluteMde;
