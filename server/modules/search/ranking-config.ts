// The ranking configuration is a versioned object (search_ranking_versions): weights,
// routing thresholds, business-signal boosts and merchandising rules. A version can be
// served as a model version or an experiment arm; every response names the one it used.
import { z } from 'zod';
import { normalizeText } from './text';

const ruleTarget = z.union([
  z.object({ productId: z.string().min(1) }),
  z.object({ category: z.string().min(1) }),
  z.object({ attribute: z.object({ key: z.enum(['color', 'material']), value: z.string().min(1) }) }),
]);

export const merchRule = z.object({
  id: z.string().min(1).max(64),
  /** Query this rule applies to, stored normalised ("Sofa!" → "sofa"); omitted = every query. */
  query: z
    .string()
    .trim()
    .min(1)
    .max(200)
    .transform((q) => normalizeText(q))
    .optional(),
  action: z.discriminatedUnion('type', [
    z.object({ type: z.literal('pin'), productId: z.string().min(1), position: z.number().int().min(1).max(50) }),
    z.object({ type: z.literal('hide'), target: ruleTarget }),
    z.object({ type: z.literal('boost'), target: ruleTarget, factor: z.number().min(1).max(10) }),
    z.object({ type: z.literal('bury'), target: ruleTarget, factor: z.number().min(0).max(1) }),
  ]),
});
export type MerchRule = z.infer<typeof merchRule>;

export const rankingConfig = z.object({
  retrieval: z.object({
    keywordLimit: z.number().int().min(10).max(2000),
    vectorLimit: z.number().int().min(10).max(1000),
    rrfK: z.number().min(1).max(500),
    /** Vector hits farther than this (cosine distance) are not matches, so junk can't fill results. */
    vectorMaxDistance: z.number().min(0).max(2),
  }),
  weights: z.object({ keyword: z.number().min(0).max(5), vector: z.number().min(0).max(5) }),
  routing: z.object({
    /** Queries with at most this many content tokens lean on keywords. */
    shortMaxTokens: z.number().int().min(1).max(10),
    shortKeywordFactor: z.number().min(0).max(5),
    /** Queries with at least this many tokens lean on meaning. */
    longMinTokens: z.number().int().min(2).max(20),
    longVectorFactor: z.number().min(0).max(5),
    /** When the query names a known category, keywords get this factor. */
    categoryKeywordFactor: z.number().min(0).max(5),
    /** When keyword retrieval finds fewer than this many, the vector weight is raised. */
    sparseKeywordHits: z.number().int().min(0).max(1000),
  }),
  signals: z.object({
    /** Multipliers on the fused score: (1 + w * signal), signal in [0, 1]. */
    inStock: z.number().min(0).max(2),
    rating: z.number().min(0).max(2),
    popularity: z.number().min(0).max(2),
    /** All query tokens in the title. */
    titleMatch: z.number().min(0).max(2),
  }),
  rules: z.array(merchRule).max(500),
});
export type RankingConfig = z.infer<typeof rankingConfig>;

/** Version 0: what search uses until a merchant activates a version of their own. */
export const DEFAULT_RANKING: RankingConfig = {
  retrieval: { keywordLimit: 200, vectorLimit: 100, rrfK: 60, vectorMaxDistance: 0.75 },
  weights: { keyword: 1, vector: 1 },
  routing: {
    shortMaxTokens: 2,
    shortKeywordFactor: 1.3,
    longMinTokens: 4,
    longVectorFactor: 1.3,
    categoryKeywordFactor: 1.2,
    sparseKeywordHits: 5,
  },
  signals: { inStock: 0.1, rating: 0.05, popularity: 0.1, titleMatch: 0.3 },
  rules: [],
};
