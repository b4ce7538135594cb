// Test data for cart and checkout: a product with one variant at a given price and stock.
import type { Db } from '@/server/db/client';
import { newId } from '@/server/lib/ids';
import { ensureDefaultPolicies } from '@/server/modules/policies/policy-versions';
import { ensureDiscountModel } from '@/server/modules/pricing/ensure-discount-model';
import { ensureRiskModel } from '@/server/modules/risk/ensure-risk-model';

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

/**
 * A distinct, Luhn-valid card the local provider authorises, and a distinct client address:
 * tests placing many orders must not look like card testing from one card and IP (the risk
 * model would rightly reject that).
 */
export function freshCard(): string {
  const digits = [4, 2, 4, 2, ...Array.from({ length: 11 }, () => Math.floor(Math.random() * 10))];
  const sum = digits
    .slice()
    .reverse()
    .reduce((acc, d, i) => acc + (i % 2 === 0 ? (d * 2 > 9 ? d * 2 - 9 : d * 2) : d), 0);
  return [...digits, (10 - (sum % 10)) % 10].join('');
}

export function freshIp(): string {
  const b = () => 1 + Math.floor(Math.random() * 250);
  return `10.${b()}.${b()}.${b()}`;
}
