// The console form for a new personal re-rank weighting and its door share this schema.
// Bounds are the stage's own (personal-rerank.ts): the boost never exceeds maxBoost ≤ 1.
import { z } from 'zod';
import { personalWeights } from './personal-rerank';

export const personalWeightsVersionInput = z.object({
  weights: personalWeights.strict(),
  note: z.string().trim().max(500).default(''),
});
export type PersonalWeightsVersionInput = z.input<typeof personalWeightsVersionInput>;
