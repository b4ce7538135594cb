import type { Db } from '@/server/db/client';
import { InvalidError } from '@/server/errors';
import { getVariantsForSale, type VariantForSale } from '@/server/modules/catalog/get-variants';
import { priceCart, type CartPricing, type DiscountLine } from '@/server/modules/pricing/price-cart';
import { computeTotals, type Totals } from './cart-totals';

export type LineRef = { variantId?: string; sku?: string; quantity: number };

export type PricedLine = {
  variantId: string;
  sku: string;
  productId: string;
  productSlug: string;
  title: string;
  variantTitle: string;
  categoryPath: string[];
  unitPriceCents: number;
  quantity: number;
  lineTotalCents: number;
  currency: string;
  stockOnHand: number;
};

export type PricedCart = Totals & {
  currency: string;
  lines: PricedLine[];
  discounts: DiscountLine[];
  freeShipping: boolean;
  promoCode: string | null;
  rejectedCode: CartPricing['rejectedCode'];
  /** The cart's attached offer when it no longer applies (expired, used), with the reason to show. */
  rejectedOffer: NonNullable<CartPricing['rejectedOffer']> | null;
  itemCount: number;
};

/** Resolves lines by variant id or SKU; an unknown or unpurchasable one is a 422 naming it. */
export async function resolveVariants(db: Db, refs: { variantId?: string; sku?: string }[]): Promise<VariantForSale[]> {
  const variants = await getVariantsForSale(db, {
    ids: refs.flatMap((r) => (r.variantId ? [r.variantId] : [])),
    skus: refs.flatMap((r) => (r.sku ? [r.sku] : [])),
  });
  return refs.map((ref, i) => {
    const v = variants.find((x) => (ref.variantId ? x.id === ref.variantId : x.sku === ref.sku));
    const name = ref.variantId ? `variant ${ref.variantId}` : `SKU ${ref.sku}`;
    if (!v) throw new InvalidError(`Unknown ${name}`, { field: `lines.${i}`, ...ref });
    if (!v.purchasable) throw new InvalidError(`${name} is not for sale`, { field: `lines.${i}`, ...ref });
    return v;
  });
}

/**
 * Prices lines at the catalog's current prices, asks pricing for discounts, and totals them.
 * The same function serves the cart page and order placement, so what the shopper saw is
 * what the order charges (unless the catalog changed in between).
 */
export async function priceLines(
  db: Db,
  input: { lines: LineRef[]; promoCode: string | null; email: string | null; offerId?: string | null },
): Promise<PricedCart> {
  // The same variant twice (by id and by SKU) becomes one line.
  const variants = await resolveVariants(db, input.lines);
  const merged = new Map<string, { v: VariantForSale; quantity: number }>();
  input.lines.forEach((l, i) => {
    const v = variants[i]!;
    const prev = merged.get(v.id);
    merged.set(v.id, { v, quantity: (prev?.quantity ?? 0) + l.quantity });
  });
  const lines: PricedLine[] = [...merged.values()].map(({ v, quantity }) => ({
    variantId: v.id,
    sku: v.sku,
    productId: v.productId,
    productSlug: v.productSlug,
    title: v.productTitle,
    variantTitle: v.title,
    categoryPath: v.categoryPath,
    unitPriceCents: v.priceCents,
    quantity,
    lineTotalCents: v.priceCents * quantity,
    currency: v.currency,
    stockOnHand: v.stockOnHand,
  }));
  const currencies = new Set(lines.map((l) => l.currency));
  if (currencies.size > 1) throw new InvalidError('All lines must be in one currency', { currencies: [...currencies] });
  const subtotalCents = lines.reduce((n, l) => n + l.lineTotalCents, 0);
  const pricing =
    lines.length === 0
      ? { discounts: [], freeShipping: false, rejectedCode: null, rejectedOffer: null }
      : await priceCart(db, {
          lines: lines.map((l) => ({
            variantId: l.variantId,
            productId: l.productId,
            categoryPath: l.categoryPath,
            unitPriceCents: l.unitPriceCents,
            quantity: l.quantity,
          })),
          promoCode: input.promoCode,
          customerEmail: input.email,
          offerId: input.offerId ?? null,
        });
  const discountCents = pricing.discounts.reduce((n, d) => n + Math.max(0, Math.round(d.amountCents)), 0);
  const totals = computeTotals({ subtotalCents, discountCents, freeShipping: pricing.freeShipping, empty: lines.length === 0 });
  return {
    ...totals,
    currency: lines[0]?.currency ?? 'USD',
    lines,
    discounts: pricing.discounts,
    freeShipping: pricing.freeShipping,
    promoCode: input.promoCode,
    rejectedCode: pricing.rejectedCode,
    rejectedOffer: pricing.rejectedOffer ?? null,
    itemCount: lines.reduce((n, l) => n + l.quantity, 0),
  };
}
