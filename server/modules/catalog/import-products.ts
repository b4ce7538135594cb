import { newId } from '@/server/lib/ids';
import { withTx, type Db } from '@/server/db/client';
import { deriveStock, derivePriceCents } from './derive-pricing';
import type { NormalizedProduct } from './normalize';

export type ImportResult = { created: number; updated: number };

const BATCH = 500;

/**
 * Upserts products by their source id. New products get one default variant with a
 * derived price and stock; existing products get their descriptive fields refreshed but
 * keep price and stock, which merchants own once the product exists.
 */
export async function importProducts(db: Db, products: NormalizedProduct[]): Promise<ImportResult> {
  let created = 0;
  let updated = 0;
  for (let i = 0; i < products.length; i += BATCH) {
    const batch = products.slice(i, i + BATCH);
    const existing = await db.product.findMany({
      where: { externalId: { in: batch.map((p) => p.externalId) } },
      select: { id: true, externalId: true },
    });
    const idByExternal = new Map(existing.map((e) => [e.externalId, e.id]));
    const fresh = batch.filter((p) => !idByExternal.has(p.externalId));
    const rows = fresh.map((p) => ({ ...p, id: newId('prod') }));
    // A product and its variant land together, or a re-import would see a product without one.
    await withTx(db, async (tx) => {
      await tx.product.createMany({ data: rows });
      await tx.productVariant.createMany({
        data: rows.map((p) => ({
          id: newId('var'),
          productId: p.id,
          sku: `WF-${p.externalId.replace(/^wands:/, '')}`,
          priceCents: derivePriceCents(p.externalId, p.categoryPath[0], p.classes[0]),
          stockOnHand: deriveStock(p.externalId),
        })),
      });
    });
    created += rows.length;
    for (const p of batch) {
      const id = idByExternal.get(p.externalId);
      if (!id) continue;
      await db.product.update({
        where: { id },
        data: {
          title: p.title,
          description: p.description,
          classes: p.classes,
          categoryPath: p.categoryPath,
          attributes: p.attributes,
          ratingAvg: p.ratingAvg,
          reviewCount: p.reviewCount,
        },
      });
      updated += 1;
    }
  }
  return { created, updated };
}
