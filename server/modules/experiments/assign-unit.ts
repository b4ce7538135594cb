// Deterministic, sticky assignment. Two hashes, two salts:
//  1. the layer's salt places a unit in one of 10,000 layer buckets; each experiment in the
//     layer owns a disjoint bucket range, so experiments on one surface never share a unit;
//  2. the experiment's own salt splits its units into holdout and arms, independently of the
//     layer split (reusing one hash would correlate arm with layer position).
import { BUCKETS, bucketOf } from '@/server/decisions/assign-arm';

export type AssignableArm = { key: string; allocation: number };
export type AssignableExperiment = {
  id: string;
  salt: string;
  /** Layer buckets [trafficStart, trafficEnd) this experiment owns. */
  trafficStart: number;
  trafficEnd: number;
  /** Percent of the experiment's units kept on production and never exposed to an arm. */
  holdoutShare: number;
  arms: readonly AssignableArm[];
};

export type Assignment = { experimentId: string; arm: string | null; holdout: boolean };

export const layerSalt = (layer: string) => `layer:${layer}`;

export function assignUnit(
  layer: string,
  experiments: readonly AssignableExperiment[],
  unitKey: string,
): Assignment | null {
  const layerBucket = bucketOf(layerSalt(layer), unitKey);
  const owner = experiments.find((e) => layerBucket >= e.trafficStart && layerBucket < e.trafficEnd);
  if (!owner) return null;
  return { experimentId: owner.id, ...armFor(owner, unitKey) };
}

export function armFor(e: AssignableExperiment, unitKey: string): { arm: string | null; holdout: boolean } {
  const bucket = bucketOf(e.salt, unitKey);
  const holdoutBuckets = Math.round(e.holdoutShare * (BUCKETS / 100));
  if (bucket < holdoutBuckets) return { arm: null, holdout: true };
  // Arms split what the holdout leaves, in proportion to their allocation (which sums to 100).
  const position = (bucket - holdoutBuckets) / (BUCKETS - holdoutBuckets);
  let cumulative = 0;
  for (const arm of e.arms) {
    cumulative += arm.allocation / 100;
    if (position < cumulative) return { arm: arm.key, holdout: false };
  }
  return { arm: e.arms[e.arms.length - 1]!.key, holdout: false };
}
