import type { Db } from '@/server/db/client';

/** What cart and checkout need to price a line: the catalog's current price, never a stored one. */
export type VariantForSale = {
  id: string;
  sku: string;
  title: string;
  priceCents: number;
  currency: string;
  stockOnHand: number;
  productId: string;
  productTitle: string;
  productSlug: string;
  categoryPath: string[];
  /** Only variants of active products can be bought. */
  purchasable: boolean;
};

/** Variants by id and/or SKU (either may be empty); unknown ones are simply absent. */
export async function getVariantsForSale(db: Db, by: { ids?: string[]; skus?: string[] }): Promise<VariantForSale[]> {
  const ids = by.ids ?? [];
  const skus = by.skus ?? [];
  if (ids.length === 0 && skus.length === 0) return [];
  const rows = await db.productVariant.findMany({
    where: { OR: [...(ids.length ? [{ id: { in: ids } }] : []), ...(skus.length ? [{ sku: { in: skus } }] : [])] },
    select: {
      id: true,
      sku: true,
      title: true,
      priceCents: true,
      currency: true,
      stockOnHand: true,
      product: { select: { id: true, title: true, slug: true, categoryPath: true, status: true } },
    },
  });
  return rows.map((r) => ({
    id: r.id,
    sku: r.sku,
    title: r.title,
    priceCents: r.priceCents,
    currency: r.currency,
    stockOnHand: r.stockOnHand,
    productId: r.product.id,
    productTitle: r.product.title,
    productSlug: r.product.slug,
    categoryPath: r.product.categoryPath,
    purchasable: r.product.status === 'active',
  }));
}
