// Test data for cart and checkout: a product with one variant at a given price and stock.
import type { Db } from '@/server/db/client';
import { newId } from '@/server/lib/ids';
import { ensureDefaultPolicies } from '@/server/modules/policies/policy-versions';
import { ensureDiscountModel } from '@/server/modules/pricing/ensure-discount-model';
import { ensureRiskModel } from '@/server/modules/risk/ensure-risk-model';

export { address, freshCard, freshIp } from './test-shoppers';

export async function makeVariant(db: Db, opts: { stock: number; priceCents?: number; sku?: string; category?: string[] }) {
  const productId = newId('prod');
  const variantId = newId('var');
  const sku = opts.sku ?? `SKU-${variantId.slice(-8)}`;
  await db.product.create({
    data: {
      id: productId,
      slug: `p-${productId.slice(-10).toLowerCase()}`,
      title: `Test product ${sku}`,
      categoryPath: opts.category ?? ['Furniture', 'Chairs'],
      variants: { create: { id: variantId, sku, priceCents: opts.priceCents ?? 10_000, stockOnHand: opts.stock } },
    },
  });
  return { productId, variantId, sku };
}

export const GOOD_CARD = '4242424242424242';
export const DECLINED_CARD = '4000000000000002';

/**
 * What a fresh store has after its first start (server/db/bootstrap.ts): the default risk and
 * discount policies and the trained risk and discount models in production. Checkout tests
 * run against that, not against the "review everything" built-in of an empty registry.
 */
export async function ensureStoreDefaults(db: Db): Promise<void> {
  await ensureDefaultPolicies(db);
  await ensureRiskModel(db);
  await ensureDiscountModel(db);
}
