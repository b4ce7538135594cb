import { describe, expect, it } from 'vitest';
import { mrrAt, ndcgAt, recallAt, summarize } from './metrics';

const grades = (entries: Record<string, number>) => new Map(Object.entries(entries));
// Discounts 1/log2(rank + 1): rank 1 → 1, rank 2 → 1/log2(3) = 0.63093, rank 3 → 1/log2(4) = 0.5.

describe('ndcgAt', () => {
  it('scores a hand-computed ranking', () => {
    // Judged: a=2, b=1, c=0, d=2. Ranked a, c, b, x (x unjudged → 0), k = 3.
    // DCG@3  = 2/1 + 0/1.58496 + 1/2          = 2.5
    // IDCG@3 = 2/1 + 2/1.58496 + 1/2 (2, 2, 1) = 2 + 1.26186 + 0.5 = 3.76186
    // nDCG@3 = 2.5 / 3.76186 = 0.66456
    expect(ndcgAt(['a', 'c', 'b', 'x'], grades({ a: 2, b: 1, c: 0, d: 2 }), 3)).toBeCloseTo(0.66456, 5);
  });

  it('is 1 for the ideal order and 0 when nothing relevant is retrieved', () => {
    const g = grades({ a: 2, b: 1, c: 0 });
    expect(ndcgAt(['a', 'b', 'c'], g, 10)).toBe(1);
    expect(ndcgAt(['c', 'x', 'y'], g, 10)).toBe(0);
  });

  it('builds the ideal from all judged products, even when k exceeds the list', () => {
    // Ranked [b] only, k = 10. DCG = 1/1 = 1. IDCG = 2/1 + 1/1.58496 = 2.63093. nDCG = 0.38009.
    expect(ndcgAt(['b'], grades({ a: 2, b: 1 }), 10)).toBeCloseTo(0.38009, 5);
    // Partial before Exact: DCG = 0/1 + 1/1.58496 + 2/2 = 1.63093; IDCG = 2 + 0.63093 = 2.63093; → 0.61991.
    expect(ndcgAt(['c', 'b', 'a'], grades({ a: 2, b: 1, c: 0 }), 3)).toBeCloseTo(0.61991, 5);
  });

  it('counts a duplicated product once', () => {
    // Ranked a, a with k = 2 → deduplicated to [a]: DCG = 2. IDCG = 2 + 2/1.58496 = 3.26186.
    // nDCG = 0.61315 (counting the duplicate would have given 3.26186 / 3.26186 = 1).
    expect(ndcgAt(['a', 'a'], grades({ a: 2, b: 2 }), 2)).toBeCloseTo(0.61315, 5);
    // The duplicate does not use up a rank either: a, a, b at k = 2 is a, b → ideal → 1.
    expect(ndcgAt(['a', 'a', 'b'], grades({ a: 2, b: 2 }), 2)).toBe(1);
  });

  it('is undefined (null) for a query with no relevant judged product', () => {
    expect(ndcgAt(['a'], grades({ a: 0, b: 0 }), 10)).toBeNull();
    expect(ndcgAt(['a'], grades({}), 10)).toBeNull();
  });

  it('rejects a k that is not a positive integer', () => {
    expect(() => ndcgAt([], grades({ a: 1 }), 0)).toThrow(RangeError);
    expect(() => ndcgAt([], grades({ a: 1 }), 2.5)).toThrow(RangeError);
  });
});

describe('mrrAt', () => {
  const g = grades({ a: 0, b: 1, c: 2 });
  it('is the reciprocal rank of the first product at or above the threshold', () => {
    // a (0), x (unjudged), b (1) → first relevant at rank 3 → 1/3.
    expect(mrrAt(['a', 'x', 'b', 'c'], g, 10)).toBeCloseTo(1 / 3, 10);
    // Only Exact counts with minGrade 2: c at rank 4 → 0.25.
    expect(mrrAt(['a', 'x', 'b', 'c'], g, 10, 2)).toBe(0.25);
  });

  it('is 0 when the first relevant product lies beyond k, and skips duplicates', () => {
    expect(mrrAt(['a', 'x', 'b'], g, 2)).toBe(0);
    // a, a, b → deduplicated a, b → b at rank 2 → 0.5.
    expect(mrrAt(['a', 'a', 'b'], g, 10)).toBe(0.5);
  });

  it('is null when the query has no product at or above the threshold', () => {
    expect(mrrAt(['a'], grades({ a: 0 }), 10)).toBeNull();
    expect(mrrAt(['b'], grades({ b: 1 }), 10, 2)).toBeNull();
  });
});

describe('recallAt', () => {
  // Relevant (grade ≥ 1): a, b, d → 3 products.
  const g = grades({ a: 2, b: 1, c: 0, d: 1 });
  it('is the share of relevant judged products found in the top k', () => {
    expect(recallAt(['c', 'a', 'x', 'd'], g, 2)).toBeCloseTo(1 / 3, 10); // top 2: c, a → 1 of 3
    expect(recallAt(['c', 'a', 'x', 'd'], g, 100)).toBeCloseTo(2 / 3, 10); // a and d → 2 of 3
    expect(recallAt(['c', 'a'], g, 2, 2)).toBe(1); // only a counts at minGrade 2 → 1 of 1
  });

  it('counts a duplicated product once', () => {
    expect(recallAt(['a', 'a', 'a'], g, 3)).toBeCloseTo(1 / 3, 10);
  });

  it('is null when nothing relevant is judged', () => {
    expect(recallAt(['a'], grades({ a: 0 }), 10)).toBeNull();
  });
});

describe('summarize', () => {
  it('macro-averages each metric over the queries where it is defined', () => {
    const out = summarize([
      { queryId: 'q1', metrics: { ndcg: 0.5, mrr: 1 } },
      { queryId: 'q2', metrics: { ndcg: null, mrr: 0 } },
      { queryId: 'q3', metrics: { ndcg: 1, mrr: 0.5 } },
    ]);
    // nDCG: (0.5 + 1) / 2 = 0.75, q2 left out. MRR: (1 + 0 + 0.5) / 3 = 0.5.
    expect(out.ndcg).toEqual({ mean: 0.75, evaluated: 2, excluded: 1 });
    expect(out.mrr).toEqual({ mean: 0.5, evaluated: 3, excluded: 0 });
  });

  it('reports a null mean when no query defines the metric', () => {
    expect(summarize([{ queryId: 'q', metrics: { ndcg: null } }]).ndcg).toEqual({ mean: null, evaluated: 0, excluded: 1 });
    expect(summarize([])).toEqual({});
  });
});
