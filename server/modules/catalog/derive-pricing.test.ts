import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { derivePriceCents, deriveStock } from './derive-pricing';
import { normalizeWandsProduct } from './normalize';
import { parseWandsProducts } from './wands-tsv';

const POOL_FILE = path.resolve(import.meta.dirname, '../../../../shared/data/wands/products.tsv');
const products = parseWandsProducts(readFileSync(POOL_FILE, 'utf8')).rows.map(normalizeWandsProduct);

// Mirrors the bands in derive-pricing.ts, in cents.
const BANDS: Record<string, [number, number]> = {
  Furniture: [8_900, 149_900],
  Rugs: [4_900, 89_900],
  Lighting: [2_900, 49_900],
  Outdoor: [3_900, 119_900],
  Appliances: [9_900, 199_900],
  'Commercial Business Furniture': [9_900, 159_900],
  'Décor & Pillows': [1_200, 19_900],
  'Kitchen & Tabletop': [900, 24_900],
  'Bed & Bath': [1_900, 39_900],
  'Home Improvement': [900, 59_900],
  'Storage & Organization': [1_500, 39_900],
  'Baby & Kids': [1_900, 49_900],
  Pet: [900, 29_900],
};
const DEFAULT_BAND: [number, number] = [1_500, 29_900];

const priceOf = (p: (typeof products)[number]) => derivePriceCents(p.externalId, p.categoryPath[0], p.classes[0]);

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

describe('derivePriceCents', () => {
  it('is deterministic: the same inputs give the same price on every call', () => {
    const first = products.map(priceOf);
    const second = products.map(priceOf);
    expect(second).toEqual(first);
  });

  it('gives the same prices on every install (pinned values)', () => {
    expect([
      derivePriceCents('wands:4', 'Home Improvement', 'Door Knobs'),
      derivePriceCents('wands:13', 'Furniture', 'Beds'),
      derivePriceCents('wands:842', 'Furniture', 'Teen Beds'),
    ]).toEqual([2_299, 9_499, 53_199]);
    expect(['wands:4', 'wands:13', 'wands:842'].map(deriveStock)).toEqual([36, 33, 26]);
  });

  it('depends on the product and its class, not only the category', () => {
    const a = derivePriceCents('wands:13', 'Furniture', 'Beds');
    expect(derivePriceCents('wands:14', 'Furniture', 'Beds')).not.toBe(a);
    expect(derivePriceCents('wands:13', 'Furniture', 'Sofas')).not.toBe(a);
  });

  it('yields integer cents ending in 99 whose whole-dollar amount lies in the category band', () => {
    const outside = products.filter((p) => {
      const price = priceOf(p);
      const [min, max] = BANDS[p.categoryPath[0] ?? ''] ?? DEFAULT_BAND;
      // Rounding to whole dollars minus a cent can land one cent under the floor (…00 − 1).
      return !Number.isInteger(price) || price % 100 !== 99 || price + 1 < min || price + 1 > max;
    });
    expect(outside).toEqual([]);
  });

  it('uses the default band for unknown or missing categories', () => {
    for (let id = 0; id < 500; id++) {
      for (const price of [
        derivePriceCents(`wands:${id}`, undefined, undefined),
        derivePriceCents(`wands:${id}`, 'Sale', 'X'),
      ]) {
        expect(price + 1).toBeGreaterThanOrEqual(DEFAULT_BAND[0]);
        expect(price + 1).toBeLessThanOrEqual(DEFAULT_BAND[1]);
      }
    }
  });

  it('prices Furniture above Décor & Pillows at the median over the real catalog', () => {
    const byTop = (top: string) => products.filter((p) => p.categoryPath[0] === top).map(priceOf);
    const furniture = byTop('Furniture');
    const decor = byTop('Décor & Pillows');
    // 1,833 + the two CSV-quoted Furniture rows; Décor as counted in the file.
    expect(furniture).toHaveLength(1835);
    expect(decor).toHaveLength(1085);
    expect(median(furniture)).toBeGreaterThan(median(decor));
    expect(median(furniture)).toBeGreaterThan(8_900);
    expect(median(decor)).toBeLessThan(19_900);
  });

  it('spreads prices across the band rather than clustering', () => {
    const furniture = products.filter((p) => p.categoryPath[0] === 'Furniture').map(priceOf);
    expect(new Set(furniture).size).toBeGreaterThan(500);
    expect(Math.min(...furniture)).toBeLessThan(12_000);
    expect(Math.max(...furniture)).toBeGreaterThan(120_000);
  });
});

describe('deriveStock', () => {
  it('is deterministic and an integer in [0, 60]', () => {
    const bad = products.filter((p) => {
      const stock = deriveStock(p.externalId);
      return deriveStock(p.externalId) !== stock || !Number.isInteger(stock) || stock < 0 || stock > 60;
    });
    expect(bad).toEqual([]);
  });

  it('leaves roughly 8% of the real products out of stock', () => {
    const stocks = products.map((p) => deriveStock(p.externalId));
    const outOfStock = stocks.filter((s) => s === 0).length / stocks.length;
    expect(outOfStock).toBeGreaterThan(0.05);
    expect(outOfStock).toBeLessThan(0.11);
    // In-stock quantities use the whole 1–60 range.
    expect(new Set(stocks.filter((s) => s > 0)).size).toBe(60);
  });
});
