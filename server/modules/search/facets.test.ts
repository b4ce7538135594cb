import { describe, expect, it } from 'vitest';
import type { CandidateDoc } from './candidate-docs';
import { computeFacets } from './facets';

const base = { slug: '', title: '', titleNorm: '', leafCategory: null, categoryPath: [], reviewCount: 0, popularity: 0, productCreatedAt: new Date(0) };

describe('computeFacets', () => {
  it('counts values, price bands, ratings and stock over the matched set', () => {
    const docs: CandidateDoc[] = [
      { ...base, productId: '1', category: 'Furniture', classes: ['Sofas'], color: ['gray'], material: ['velvet'], priceCents: 4_999, ratingAvg: 4.5, inStock: true },
      { ...base, productId: '2', category: 'Furniture', classes: ['Sofas', 'Sectionals'], color: ['gray', 'blue'], material: [], priceCents: 5_000, ratingAvg: 3.2, inStock: false },
      { ...base, productId: '3', category: 'Outdoor', classes: ['Sectionals'], color: [], material: ['wicker'], priceCents: 150_000, ratingAvg: null, inStock: true },
    ];
    const f = computeFacets(docs);
    expect(f.category).toEqual([
      { value: 'Furniture', count: 2 },
      { value: 'Outdoor', count: 1 },
    ]);
    expect(f.class).toEqual([
      { value: 'Sectionals', count: 2 },
      { value: 'Sofas', count: 2 },
    ]);
    expect(f.color).toEqual([
      { value: 'gray', count: 2 },
      { value: 'blue', count: 1 },
    ]);
    expect(f.price.map((b) => [b.label, b.count])).toEqual([
      ['Under $50', 1],
      ['$50 – $100', 1],
      ['$1,000 and up', 1],
    ]);
    expect(f.rating).toEqual([
      { min: 4, count: 1 },
      { min: 3, count: 2 },
    ]);
    expect(f.inStock).toBe(2);
  });
});
