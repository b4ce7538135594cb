// Test data for cart and checkout: a product with one variant at a given price and stock.
import type { Db } from '@/server/db/client';
import { newId } from '@/server/lib/ids';

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

export const address = {
  name: 'Ada Lovelace',
  line1: '12 Market Street',
  city: 'San Francisco',
  region: 'CA',
  postalCode: '94105',
  country: 'US',
};

export const GOOD_CARD = '4242424242424242';
export const DECLINED_CARD = '4000000000000002';
