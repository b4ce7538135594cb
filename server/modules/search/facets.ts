// Facet counts over the matched set, in the order a shopper scans them.
import type { CandidateDoc } from './candidate-docs';

export type FacetValue = { value: string; count: number };
export type PriceBand = { label: string; min: number; max: number | null; count: number };
export type Facets = {
  category: FacetValue[];
  class: FacetValue[];
  color: FacetValue[];
  material: FacetValue[];
  price: PriceBand[];
  rating: { min: number; count: number }[];
  inStock: number;
};

export const PRICE_BANDS: Omit<PriceBand, 'count'>[] = [
  { label: 'Under $50', min: 0, max: 4_999 },
  { label: '$50 – $100', min: 5_000, max: 9_999 },
  { label: '$100 – $250', min: 10_000, max: 24_999 },
  { label: '$250 – $500', min: 25_000, max: 49_999 },
  { label: '$500 – $1,000', min: 50_000, max: 99_999 },
  { label: '$1,000 and up', min: 100_000, max: null },
];

function top(counts: Map<string, number>, n: number): FacetValue[] {
  return [...counts.entries()]
    .map(([value, count]) => ({ value, count }))
    .sort((a, b) => b.count - a.count || a.value.localeCompare(b.value))
    .slice(0, n);
}

function bump(m: Map<string, number>, values: Iterable<string>) {
  for (const v of new Set(values)) m.set(v, (m.get(v) ?? 0) + 1);
}

export function computeFacets(docs: CandidateDoc[]): Facets {
  const category = new Map<string, number>();
  const cls = new Map<string, number>();
  const color = new Map<string, number>();
  const material = new Map<string, number>();
  for (const d of docs) {
    if (d.category) bump(category, [d.category]);
    bump(cls, d.classes);
    bump(color, d.color);
    bump(material, d.material);
  }
  return {
    category: top(category, 15),
    class: top(cls, 15),
    color: top(color, 15),
    material: top(material, 12),
    price: PRICE_BANDS.map((b) => ({
      ...b,
      count: docs.filter((d) => d.priceCents >= b.min && (b.max === null || d.priceCents <= b.max)).length,
    })).filter((b) => b.count > 0),
    rating: [4, 3].map((min) => ({ min, count: docs.filter((d) => (d.ratingAvg ?? 0) >= min).length })).filter((r) => r.count > 0),
    inStock: docs.filter((d) => d.inStock).length,
  };
}
