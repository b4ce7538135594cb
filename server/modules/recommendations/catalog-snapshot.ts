// The catalog as recommendations see it, read through the catalog module's export and kept
// in memory for a short while (3,000 products is a few hundred KB); every served list is
// re-checked against live stock and status before it leaves (see recommend.ts).
import type { Db } from '@/server/db/client';
import { listProductsForIndex, type IndexableProduct } from '@/server/modules/catalog/list-for-index';
import { attributePairs, buildCatalog, type Catalog, type CatalogItem } from './algorithms';

const TTL_MS = Number(process.env.RECS_CATALOG_TTL_MS ?? 300_000);
const cache = new WeakMap<object, { at: number; catalog: Promise<Catalog> }>();

export function toCatalogItem(p: IndexableProduct): CatalogItem {
  const category = p.categoryPath.at(-1) ?? null;
  return {
    id: p.id,
    slug: p.slug,
    title: p.title,
    category,
    categoryPath: p.categoryPath,
    classKey: p.classes[0] ?? category ?? 'other',
    priceCents: p.priceCents,
    inStock: p.inStock,
    active: p.status === 'active',
    ratingAvg: p.ratingAvg,
    reviewCount: p.reviewCount,
    attrs: attributePairs(p.attributes),
  };
}

export async function loadCatalog(db: Db): Promise<Catalog> {
  const items: CatalogItem[] = [];
  let afterId: string | undefined;
  for (;;) {
    const page = await listProductsForIndex(db, { afterId, limit: 1000 });
    items.push(...page.map(toCatalogItem));
    if (page.length < 1000) break;
    afterId = page.at(-1)!.id;
  }
  return buildCatalog(items);
}

export function getCatalog(db: Db): Promise<Catalog> {
  const hit = cache.get(db);
  if (hit && Date.now() - hit.at < TTL_MS) return hit.catalog;
  const catalog = loadCatalog(db).catch((err) => {
    cache.delete(db);
    throw err;
  });
  cache.set(db, { at: Date.now(), catalog });
  return catalog;
}

/** Drops the cached catalog (tests, and after a merchant changes stock or status in-process). */
export function invalidateCatalog(db: Db): void {
  cache.delete(db);
}

/** Live eligibility of a handful of products: active and in stock right now. */
export async function liveEligible(db: Db, ids: string[]): Promise<Map<string, IndexableProduct>> {
  if (ids.length === 0) return new Map();
  const rows = await listProductsForIndex(db, { ids, limit: ids.length });
  return new Map(rows.filter((p) => p.status === 'active' && p.inStock).map((p) => [p.id, p]));
}
