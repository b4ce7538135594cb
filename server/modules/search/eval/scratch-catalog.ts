// Loads judged products into a database through the normal import and indexing path, and
// maps our product ids back to the data set's ids for scoring.
import type { PrismaClient } from '@/server/db/generated/client';
import { importProducts } from '@/server/modules/catalog/import-products';
import { normalizeWandsProduct } from '@/server/modules/catalog/normalize';
import type { WandsProductRow } from '@/server/modules/catalog/wands-tsv';
import { indexCatalog } from '../index-catalog';

export async function loadScratchCatalog(db: PrismaClient, products: WandsProductRow[]) {
  const started = performance.now();
  await importProducts(db, products.map(normalizeWandsProduct));
  const imported = performance.now();
  const indexed = await indexCatalog(db);
  const rows = await db.product.findMany({ select: { id: true, externalId: true } });
  const toSourceId = new Map(rows.map((r) => [r.id, (r.externalId ?? '').replace(/^wands:/, '')]));
  return {
    toSourceId,
    embedder: indexed.embedder,
    timings: { importMs: Math.round(imported - started), indexMs: Math.round(performance.now() - imported) },
  };
}
