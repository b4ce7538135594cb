import type { Db } from '@/server/db/client';
import { hotQuery, hotSql } from '@/server/db/hot-sql';

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

/**
 * Variants by id and/or SKU (either may be empty); unknown ones are simply absent. One hot
 * statement on the pg pool (checkout prices every order with it: ADR 037).
 */
export async function getVariantsForSale(db: Db, by: { ids?: string[]; skus?: string[] }): Promise<VariantForSale[]> {
  const ids = by.ids ?? [];
  const skus = by.skus ?? [];
  if (ids.length === 0 && skus.length === 0) return [];
  return hotQuery<VariantForSale>(db, hotSql`
    SELECT v.id, v.sku, v.title, v.price_cents::int AS "priceCents", v.currency::text AS currency, v.stock_on_hand::int AS "stockOnHand",
           p.id AS "productId", p.title AS "productTitle", p.slug AS "productSlug", p.category_path AS "categoryPath",
           (p.status = 'active') AS purchasable
    FROM product_variants v JOIN products p ON p.id = v.product_id
    WHERE v.id = ANY(${ids}::text[]) OR v.sku = ANY(${skus}::text[])`);
}
