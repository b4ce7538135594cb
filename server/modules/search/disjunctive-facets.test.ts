import { describe, expect, it } from 'vitest';
import type { CandidateDoc } from './candidate-docs';
import { computeFacets } from './facets';
import { applyDisjunctive, hasFacetFilters, matchesFilters } from './disjunctive-facets';

const doc = (id: string, category: string, color: string[], priceCents: number): CandidateDoc => ({
  productId: id, slug: id, title: id, titleNorm: id, category, leafCategory: null, categoryPath: [category], classes: [],
  color, material: [], priceCents, ratingAvg: null, reviewCount: 0, inStock: true, popularity: 0, productCreatedAt: new Date(0),
});

const docs = [
  doc('1', 'Furniture', ['gray'], 10_000),
  doc('2', 'Furniture', ['blue'], 60_000),
  doc('3', 'Outdoor', ['gray'], 20_000),
  doc('4', 'Rugs', ['gray'], 30_000),
];

describe('disjunctive facets', () => {
  it('counts a filtered dimension as if its own filter were off, others within the selection', () => {
    const filters = { category: ['Furniture'], color: ['gray'] };
    const selected = docs.filter((d) => matchesFilters(d, filters));
    expect(selected.map((d) => d.productId)).toEqual(['1']);
    const f = applyDisjunctive(computeFacets(selected), docs, filters);
    // Category counts gray products in any category; colour counts Furniture in any colour.
    expect(f.category).toEqual([
      { value: 'Furniture', count: 1 },
      { value: 'Outdoor', count: 1 },
      { value: 'Rugs', count: 1 },
    ]);
    expect(f.color).toEqual([
      { value: 'blue', count: 1 },
      { value: 'gray', count: 1 },
    ]);
    // Price is not filtered: it counts the selection only.
    expect(f.price.map((b) => [b.label, b.count])).toEqual([['$100 – $250', 1]]);
  });

  it('knows when any facet filter is on', () => {
    expect(hasFacetFilters({})).toBe(false);
    expect(hasFacetFilters({ priceMax: 100 })).toBe(true);
    expect(hasFacetFilters({ inStock: false })).toBe(false);
  });
});
