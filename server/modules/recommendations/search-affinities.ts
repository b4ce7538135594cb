// What a shopper contributes to personalized search: the categories, classes, price point and
// colours/materials of the products they recently viewed, carted or bought (recency-weighted,
// carts and orders count double). Called only when personalization is on for them; the
// offline replay computes the same thing from the simulated log with affinitiesFrom.
import type { Db } from '@/server/db/client';
import { extractFacetAttributes } from '@/server/modules/search/facet-attributes';
import type { SearchAffinities } from '@/server/modules/search/personal-rerank';
import { anchorsOf, type Catalog, type CatalogItem, type ShopperSignals } from './algorithms';
import { getCatalog } from './catalog-snapshot';
import { DEFAULT_PARAMS } from './recs-config';
import { shopperSignals } from './shopper-signals';

const TOP = 8;

function topShares(m: Map<string, number>): Record<string, number> {
  const total = [...m.values()].reduce((a, b) => a + b, 0);
  if (total <= 0) return {};
  return Object.fromEntries(
    [...m]
      .sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))
      .slice(0, TOP)
      .map(([k, v]) => [k, Math.round((v / total) * 10_000) / 10_000]),
  );
}

/** Colour and material facets of a catalog item, as search indexes them. */
export function facetsOfItem(item: CatalogItem): { color: string[]; material: string[] } {
  const attributes: Record<string, string> = {};
  for (const pair of item.attrs) {
    const i = pair.indexOf(':');
    if (i > 0) attributes[pair.slice(0, i)] = pair.slice(i + 1);
  }
  return extractFacetAttributes(item.title, attributes);
}

export function affinitiesFrom(
  catalog: Catalog,
  signals: ShopperSignals,
  opts: { now: number; signalHalfLifeDays?: number },
): SearchAffinities {
  const anchors = anchorsOf(signals, {
    now: opts.now,
    signalHalfLifeDays: opts.signalHalfLifeDays ?? DEFAULT_PARAMS.signalHalfLifeDays,
  }).slice(0, 50);
  const categories = new Map<string, number>();
  const classes = new Map<string, number>();
  const colors = new Map<string, number>();
  const materials = new Map<string, number>();
  const prices: { price: number; weight: number }[] = [];
  let products = 0;
  const bump = (m: Map<string, number>, k: string | null, w: number) => k && m.set(k, (m.get(k) ?? 0) + w);
  for (const a of anchors) {
    const item = catalog.items.get(a.productId);
    if (!item) continue;
    products++;
    bump(categories, item.category, a.weight);
    bump(classes, item.classKey, a.weight);
    const f = facetsOfItem(item);
    for (const c of f.color) bump(colors, c, a.weight / f.color.length);
    for (const m of f.material) bump(materials, m, a.weight / f.material.length);
    if (item.priceCents > 0) prices.push({ price: item.priceCents, weight: a.weight });
  }
  return {
    categories: topShares(categories),
    classes: topShares(classes),
    colors: topShares(colors),
    materials: topShares(materials),
    priceCents: weightedMedian(prices),
    products,
  };
}

function weightedMedian(xs: { price: number; weight: number }[]): number | null {
  if (xs.length === 0) return null;
  const sorted = [...xs].sort((a, b) => a.price - b.price);
  const half = sorted.reduce((s, x) => s + x.weight, 0) / 2;
  let acc = 0;
  for (const x of sorted) {
    acc += x.weight;
    if (acc >= half) return x.price;
  }
  return sorted.at(-1)!.price;
}

/** The affinities of a visitor (session key or signed-in shopper key); null when they have no history. */
export async function shopperSearchAffinities(db: Db, key: string, now = Date.now()): Promise<SearchAffinities | null> {
  const [signals, catalog] = await Promise.all([shopperSignals(db, key, now), getCatalog(db)]);
  if (signals.viewed.length === 0 && signals.bought.length === 0) return null;
  const a = affinitiesFrom(catalog, signals, { now });
  return a.products > 0 ? a : null;
}
