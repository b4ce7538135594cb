// The console's view of a product's recommendation rules: find products by title, and
// preview the product page's recommendations with the rules applied, as an anonymous shopper
// would see them (no personal signals) and without writing to the decision log.
import type { Db } from '@/server/db/client';
import { searchProducts } from '@/server/modules/search/search-products';
import { listProductsForIndex } from '@/server/modules/catalog/list-for-index';
import { listRules, type RecRuleRow } from './merchant-rules';
import { scopeOfSection } from './placement-rules';
import { findProductsInput, placementPreviewInput, rulesForProductInput } from './recs.schema';
import { recommendForCart, recommendForHome, recommendForProduct, type Recommendations } from './recommend';
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

/**
 * A placement as a new anonymous visitor sees it with every rule applied (nothing logged):
 * the home page, a cart holding the given product, or a product page's similar or
 * bought-together list (only that scope's sections).
 */
export async function previewPlacement(
  db: Db,
  raw: z.input<typeof placementPreviewInput>,
  requestId: string,
): Promise<Recommendations> {
  const input = placementPreviewInput.parse(raw);
  const ctx = { requestId, sessionKey: null, personalizationOff: true, preview: true };
  if (input.placement === 'home') return recommendForHome(db, { limit: input.limit }, ctx);
  if (input.placement === 'cart') return recommendForCart(db, { productIds: [input.productId!], limit: input.limit }, ctx);
  const recs = await recommendForProduct(db, { productId: input.productId!, limit: input.limit }, ctx);
  return { ...recs, sections: recs.sections.filter((s) => scopeOfSection('product', s.id) === input.placement) };
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
