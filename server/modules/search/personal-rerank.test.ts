import { describe, expect, it } from 'vitest';
import {
  DEFAULT_PERSONAL_WEIGHTS,
  personalBoost,
  personalRerank,
  type PersonalFeatures,
  type SearchAffinities,
} from './personal-rerank';

const rugLover: SearchAffinities = {
  categories: { 'Area Rugs': 0.8, Sofas: 0.2 },
  classes: { 'Area Rugs': 0.8, Sofas: 0.2 },
  colors: { blue: 1 },
  materials: {},
  priceCents: 20_000,
  products: 4,
};
const f = (category: string, priceCents: number, color: string[] = []): PersonalFeatures => ({
  category,
  classKey: category,
  priceCents,
  color,
  material: [],
});

describe('personalBoost', () => {
  it('is 1 for a shopper with no history', () => {
    expect(personalBoost(f('Area Rugs', 20_000, ['blue']), { ...rugLover, products: 0 })).toBe(1);
  });

  it('boosts the favourite category, price point and colour, and never beyond maxBoost', () => {
    const fav = personalBoost(f('Area Rugs', 20_000, ['blue']), rugLover);
    const other = personalBoost(f('Lamps', 20_000), rugLover);
    const farPrice = personalBoost(f('Area Rugs', 400_000), rugLover);
    expect(fav).toBeCloseTo(1 + DEFAULT_PERSONAL_WEIGHTS.maxBoost, 6);
    // Price point alone: 0.15 at the shopper's median.
    expect(other).toBeCloseTo(1.15, 6);
    // Category + class, no price fit or colour: 0.15 + 0.10.
    expect(farPrice).toBeCloseTo(1.25, 3);
    // The second category counts relative to the favourite: 0.2 / 0.8 of its weight.
    const sofa = personalBoost(f('Sofas', 1_000_000), rugLover);
    expect(sofa).toBeCloseTo(1 + 0.25 * (0.15 + 0.1), 3);
  });
});

describe('personalRerank', () => {
  const items = [
    { id: 'sofa', score: 1.0, pinned: false, f: f('Sofas', 90_000) },
    { id: 'pinned-lamp', score: 0, pinned: true, f: f('Lamps', 5_000) },
    { id: 'rug', score: 0.8, pinned: false, f: f('Area Rugs', 21_000, ['blue']) },
    { id: 'lamp', score: 0.79, pinned: false, f: f('Lamps', 900_000) },
  ];

  it('moves the shopper’s kind of product up and keeps pins where the merchant put them', () => {
    const out = personalRerank(items, (i) => i.f, rugLover);
    expect(out.items.map((i) => i.id)).toEqual(['rug', 'pinned-lamp', 'sofa', 'lamp']);
    expect(out.items[0]!.score).toBeCloseTo(0.8 * 1.35, 6);
    expect(out.moved).toBe(2);
    expect(out.boosted).toBe(3);
  });

  it('leaves the order alone when nothing about the shopper applies', () => {
    const stranger: SearchAffinities = { ...rugLover, categories: { Beds: 1 }, classes: {}, colors: {}, priceCents: null };
    const out = personalRerank(items, (i) => i.f, stranger);
    expect(out.items.map((i) => i.id)).toEqual(items.map((i) => i.id));
    expect(out.moved).toBe(0);
  });
});
