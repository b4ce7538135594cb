// Personalized re-ranking: an optional last stage after the business signals and merchant
// rules. The shopper's affinities (categories, classes, price point, colours/materials of
// what they recently viewed, carted or bought) give each candidate a small bounded boost;
// pins keep their positions. Pure and client-safe: the online stage and the offline replay
// (search/eval/rerank-replay.ts) call the same function.
import { z } from 'zod';

const shares = z.record(z.string().min(1).max(120), z.number().min(0).max(1));

/** What a shopper contributes to search: computed by the recommendations module from their history. */
export const searchAffinities = z.object({
  categories: shares,
  classes: shares,
  colors: shares,
  materials: shares,
  /** Recency-weighted median price of the products they touched; null when unknown. */
  priceCents: z.number().int().min(1).nullable(),
  /** How many distinct products the affinities were learned from. */
  products: z.number().int().min(0),
});
export type SearchAffinities = z.infer<typeof searchAffinities>;

export const personalWeights = z.object({
  category: z.number().min(0).max(1),
  class: z.number().min(0).max(1),
  price: z.number().min(0).max(1),
  attribute: z.number().min(0).max(1),
  /** Width of the price band in natural-log units (0.5 ≈ a factor of 1.65 either side). */
  priceBand: z.number().min(0.05).max(3),
  /** The boost never exceeds this: personalization nudges, relevance still leads. */
  maxBoost: z.number().min(0).max(1),
});
export type PersonalWeights = z.infer<typeof personalWeights>;

export const DEFAULT_PERSONAL_WEIGHTS: PersonalWeights = {
  category: 0.15,
  class: 0.1,
  price: 0.15,
  attribute: 0.15,
  priceBand: 0.5,
  maxBoost: 0.35,
};

/** The product facts the stage reads, from a search document (online) or a catalog item (replay). */
export type PersonalFeatures = {
  category: string | null;
  classKey: string | null;
  priceCents: number;
  color: string[];
  material: string[];
};

/** Shares relative to the shopper's strongest one, so a one-category shopper's favourite counts fully. */
function relative(map: Record<string, number>, key: string | null): number {
  if (!key) return 0;
  const v = map[key] ?? 0;
  if (v === 0) return 0;
  const top = Math.max(...Object.values(map));
  return top > 0 ? v / top : 0;
}

function bestOf(map: Record<string, number>, keys: string[]): number {
  let best = 0;
  for (const k of keys) best = Math.max(best, relative(map, k));
  return best;
}

/** The multiplier for one product, in [1, 1 + maxBoost]. */
export function personalBoost(f: PersonalFeatures, a: SearchAffinities, w: PersonalWeights = DEFAULT_PERSONAL_WEIGHTS): number {
  if (a.products === 0) return 1;
  let boost = w.category * relative(a.categories, f.category) + w.class * relative(a.classes, f.classKey);
  if (a.priceCents && f.priceCents > 0) {
    const d = Math.log(f.priceCents / a.priceCents) / w.priceBand;
    boost += w.price * Math.exp(-0.5 * d * d);
  }
  boost += w.attribute * Math.max(bestOf(a.colors, f.color), bestOf(a.materials, f.material));
  return 1 + Math.min(w.maxBoost, boost);
}

export type PersonalRerankOutcome<T> = { items: T[]; boosted: number; moved: number };

/**
 * Multiplies every unpinned item's score by its boost and re-sorts them; pinned items stay at
 * the positions the merchant gave them. `boosted` counts items that got any boost, `moved`
 * the items whose position changed.
 */
export function personalRerank<T extends { id: string; score: number; pinned: boolean }>(
  items: T[],
  features: (item: T) => PersonalFeatures | null,
  a: SearchAffinities,
  w: PersonalWeights = DEFAULT_PERSONAL_WEIGHTS,
): PersonalRerankOutcome<T> {
  let boosted = 0;
  const free = items
    .filter((it) => !it.pinned)
    .map((it) => {
      const f = features(it);
      const m = f ? personalBoost(f, a, w) : 1;
      if (m > 1) boosted++;
      return { ...it, score: it.score * m };
    });
  free.sort((x, y) => y.score - x.score || (x.id < y.id ? -1 : 1));
  const out: T[] = [];
  let next = 0;
  for (const it of items) out.push(it.pinned ? it : free[next++]!);
  let moved = 0;
  out.forEach((it, i) => {
    if (it.id !== items[i]!.id) moved++;
  });
  return { items: out, boosted, moved };
}
