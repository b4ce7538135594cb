// The committed seed catalog (prisma/seed-data) as recommendation items, derived exactly as
// the import derives prices and stock, so the offline evaluation runs on the real catalog
// without a database.
import { readFileSync } from 'node:fs';
import { DEFAULT_SEED_FILE } from '@/server/db/seed';
import { derivePriceCents, deriveStock } from '@/server/modules/catalog/derive-pricing';
import { normalizeWandsProduct } from '@/server/modules/catalog/normalize';
import { parseWandsProducts } from '@/server/modules/catalog/wands-tsv';
import { attributePairs, type CatalogItem } from '../algorithms';

export function loadSeedCatalogItems(file = DEFAULT_SEED_FILE): CatalogItem[] {
  const { rows } = parseWandsProducts(readFileSync(file, 'utf8'));
  return rows.map(normalizeWandsProduct).map((p) => {
    const category = p.categoryPath.at(-1) ?? null;
    return {
      id: p.externalId,
      slug: p.slug,
      title: p.title,
      category,
      categoryPath: p.categoryPath,
      classKey: p.classes[0] ?? category ?? 'other',
      priceCents: derivePriceCents(p.externalId, p.categoryPath[0], p.classes[0]),
      inStock: deriveStock(p.externalId) > 0,
      active: true,
      ratingAvg: p.ratingAvg,
      reviewCount: p.reviewCount,
      attrs: attributePairs(p.attributes),
    };
  });
}
