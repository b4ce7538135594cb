import { describe, expect, it } from 'vitest';
import type { CandidateDoc } from './candidate-docs';
import type { Fused } from './fuse';
import { DEFAULT_RANKING, type RankingConfig } from './ranking-config';
import { rerank } from './rerank';

function doc(id: string, over: Partial<CandidateDoc> = {}): CandidateDoc {
  return {
    productId: id,
    slug: id,
    title: id,
    titleNorm: id,
    category: 'Furniture',
    leafCategory: 'Sofas',
    categoryPath: ['Furniture', 'Sofas'],
    classes: ['Sofas'],
    color: [],
    material: [],
    priceCents: 10_000,
    ratingAvg: null,
    reviewCount: 0,
    inStock: true,
    popularity: 0,
    productCreatedAt: new Date('2026-01-01T00:00:00Z'),
    ...over,
  };
}
const fused = (ids: string[]): Fused[] => ids.map((id, i) => ({ id, score: 1 / (i + 1), sources: ['keyword'], ranks: { keyword: i + 1 } }));
const noSignals: RankingConfig = { ...DEFAULT_RANKING, signals: { inStock: 0, rating: 0, popularity: 0, titleMatch: 0 } };
const ctx = { queryNorm: 'sofa', titleTokens: [], maxPopularity: 0 };

describe('rerank', () => {
  it('multiplies scores by business signals', () => {
    const docs = new Map([
      ['a', doc('a', { inStock: false })],
      ['b', doc('b', { ratingAvg: 5 })],
    ]);
    const config = { ...DEFAULT_RANKING, signals: { inStock: 0.5, rating: 1, popularity: 0, titleMatch: 0 } };
    const { ranked } = rerank(fused(['a', 'b']), docs, config, ctx);
    // a: 1 (out of stock, no rating); b: 0.5 × 1.5 (in stock) × 2 (rating 5/5) = 1.5
    expect(ranked.map((r) => [r.id, r.score])).toEqual([
      ['b', 1.5],
      ['a', 1],
    ]);
  });

  it('rewards titles containing every query term or a synonym of it', () => {
    const docs = new Map([
      ['a', doc('a', { titleNorm: 'oak side table' })],
      ['b', doc('b', { titleNorm: 'gray couch' })],
    ]);
    const config = { ...noSignals, signals: { ...noSignals.signals, titleMatch: 1.5 } };
    const { ranked } = rerank(fused(['a', 'b']), docs, config, { ...ctx, titleTokens: [['sofa', 'couch']] });
    expect(ranked.map((r) => [r.id, r.score])).toEqual([
      ['b', 1.25], // 0.5 × 2.5
      ['a', 1],
    ]);
  });

  it('hides, boosts, buries and pins, and reports the rules that fired', () => {
    const docs = new Map([
      ['a', doc('a')],
      ['b', doc('b', { color: ['blue'] })],
      ['c', doc('c', { categoryPath: ['Outdoor'] })],
      ['d', doc('d')],
    ]);
    const extra = doc('z');
    const config: RankingConfig = {
      ...noSignals,
      rules: [
        { id: 'hide-outdoor', action: { type: 'hide', target: { category: 'Outdoor' } } },
        { id: 'boost-blue', action: { type: 'boost', target: { attribute: { key: 'color', value: 'blue' } }, factor: 3 } },
        { id: 'bury-a', action: { type: 'bury', target: { productId: 'a' }, factor: 0.1 } },
        { id: 'pin-z', query: 'sofa', action: { type: 'pin', productId: 'z', position: 1 } },
        { id: 'other-query', query: 'lamp', action: { type: 'hide', target: { productId: 'b' } } },
      ],
    };
    const { ranked, rulesFired } = rerank(fused(['a', 'b', 'c', 'd']), docs, config, { ...ctx, pinnedDocs: new Map([['z', extra]]) });
    // b: 0.5×3 = 1.5; d: 0.25; a: 1×0.1 = 0.1; c hidden; z pinned first.
    expect(ranked.map((r) => r.id)).toEqual(['z', 'b', 'd', 'a']);
    expect(ranked[0]!.pinned).toBe(true);
    expect(rulesFired.sort()).toEqual(['boost-blue', 'bury-a', 'hide-outdoor', 'pin-z']);
  });
});
