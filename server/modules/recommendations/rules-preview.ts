// The console's view of a product's recommendation rules: find products by title, and
// preview the product page's recommendations with the rules applied, as an anonymous shopper
// would see them (no personal signals) and without writing to the decision log.
import type { Db } from '@/server/db/client';
import { searchProducts } from '@/server/modules/search/search-products';
import { listProductsForIndex } from '@/server/modules/catalog/list-for-index';
import { listRules, type RecRuleRow } from './merchant-rules';
import { findProductsInput, rulesForProductInput } from './recs.schema';
import { recommendForProduct, type Recommendations } from './recommend';
import type { z } from 'zod';

export type FoundProduct = { id: string; title: string; slug: string; category: string | null; inStock: boolean };

export async function findProducts(db: Db, raw: z.input<typeof findProductsInput>): Promise<FoundProduct[]> {
  const { q, limit } = findProductsInput.parse(raw);
  const result = await searchProducts(db, { q, pageSize: limit });
  if (result.zeroResult) return [];
  return result.items.map((i) => ({ id: i.productId, title: i.title, slug: i.slug, category: i.category, inStock: i.inStock }));
}

export function previewProductRecs(db: Db, raw: { productId: string; limit?: number }, requestId: string): Promise<Recommendations> {
  return recommendForProduct(db, raw, { requestId, sessionKey: null, personalizationOff: true, preview: true });
}

export type ConsoleRule = RecRuleRow & { targetTitle: string | null; targetSlug: string | null };

/** A product's rules with the titles of the products they pin or exclude, and the product's own title. */
export async function rulesForConsole(
  db: Db,
  raw: z.input<typeof rulesForProductInput>,
): Promise<{ product: FoundProduct | null; rules: ConsoleRule[] }> {
  const rules = await listRules(db, raw);
  const { productId } = rulesForProductInput.parse(raw);
  const ids = [productId, ...rules.map((r) => r.targetId)];
  const products = new Map((await listProductsForIndex(db, { ids, limit: ids.length })).map((p) => [p.id, p]));
  const p = products.get(productId);
  return {
    product: p
      ? { id: p.id, title: p.title, slug: p.slug, category: p.categoryPath.at(-1) ?? null, inStock: p.inStock }
      : null,
    rules: rules.map((r) => ({
      ...r,
      targetTitle: products.get(r.targetId)?.title ?? null,
      targetSlug: products.get(r.targetId)?.slug ?? null,
    })),
  };
}
