// A small real catalog for search integration tests: 600 seed products plus a few
// hand-made ones whose names make each behaviour unambiguous.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { PrismaClient } from '@/server/db/generated/client';
import { importProducts } from '@/server/modules/catalog/import-products';
import { normalizeWandsProduct } from '@/server/modules/catalog/normalize';
import { parseWandsProducts, type WandsProductRow } from '@/server/modules/catalog/wands-tsv';
import { indexCatalog } from './index-catalog';

const SEED = path.resolve(import.meta.dirname, '../../../prisma/seed-data/wands-products.tsv');

const extra = (id: string, name: string, cls: string, category: string): WandsProductRow => ({
  product_id: id,
  product_name: name,
  product_class: cls,
  category_hierarchy: category,
});

export const FIXTURE_EXTRAS: WandsProductRow[] = [
  extra('990001', 'chesterfield tufted couch', 'Sofas', 'Furniture / Living Room Furniture / Sofas'),
  extra('990002', 'zanzibar rattan loveseat', 'Loveseats', 'Furniture / Living Room Furniture / Loveseats'),
  extra('990003', 'hofstetter oak armoire', 'Armoires & Wardrobes', 'Furniture / Bedroom Furniture / Armoires & Wardrobes'),
  extra('990004', 'navy velvet accent chair', 'Accent Chairs', 'Furniture / Living Room Furniture / Accent Chairs'),
];

export async function loadSearchFixture(db: PrismaClient, count = 600) {
  const rows = [...parseWandsProducts(readFileSync(SEED, 'utf8')).rows.slice(0, count), ...FIXTURE_EXTRAS];
  await importProducts(db, rows.map(normalizeWandsProduct));
  const indexed = await indexCatalog(db);
  const idOf = async (sourceId: string) =>
    (await db.product.findUniqueOrThrow({ where: { externalId: `wands:${sourceId}` }, select: { id: true } })).id;
  return { rows, indexed, idOf };
}
