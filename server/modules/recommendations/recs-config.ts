// Tunables of the recommendation algorithms. Model versions may override any of them in
// their params (validated here), so a new weighting is a new version, not a deploy.
import { z } from 'zod';

export const recsParams = z
  .object({
    /** Which list the home page and the evaluation call "personalized". */
    algorithm: z.enum(['blend', 'cooccurrence', 'similar', 'popularity']).default('blend'),
    normalisation: z.enum(['cosine', 'lift']).default('cosine'),
    /** Co-occurrence older than this counts half (nightly rebuild). */
    halfLifeDays: z.number().min(0).max(3650).default(30),
    trendHalfLifeDays: z.number().min(0.1).max(365).default(3),
    /** Shopper signals older than this count half. */
    signalHalfLifeDays: z.number().min(0.1).max(365).default(7),
    sessionGapMinutes: z
      .number()
      .int()
      .min(1)
      .max(24 * 60)
      .default(60),
    /** Decayed sessions a pair needs before "also viewed/bought" is trusted over similarity. */
    minSupport: z.number().min(0).max(1000).default(0.5),
    maxClassShare: z.number().min(0.1).max(1).default(0.5),
    similarWeights: z
      .object({
        embedding: z.number().min(0).max(1),
        category: z.number().min(0).max(1),
        attributes: z.number().min(0).max(1),
      })
      .default({ embedding: 0.6, category: 0.25, attributes: 0.15 }),
    /** Cost rates for cost per 1,000 decisions (micro-dollars); see server/decisions/decision-costs.ts. */
    cost: z
      .object({ perComputeSecondMicros: z.number().min(0).optional(), perCallMicros: z.number().min(0).optional() })
      .optional(),
  })
  .passthrough();
export type RecsParams = z.output<typeof recsParams>;

export const DEFAULT_PARAMS: RecsParams = recsParams.parse({});
