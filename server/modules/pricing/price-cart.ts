// CONTRACT (owned by the pricing module). Cart and checkout call these; the pricing module
// replaces the bodies with promotions (codes, automatic, free shipping) and their limits.
import type { Db } from '@/server/db/client';

export type PricingLine = {
  variantId: string;
  productId: string;
  categoryPath: string[];
  unitPriceCents: number;
  quantity: number;
};

export type DiscountLine = {
  kind: 'promotion' | 'offer';
  promotionId: string | null;
  code: string | null;
  label: string;
  /** Positive integer cents taken off the subtotal. */
  amountCents: number;
  /** The discount-policy version that allowed it (offers), null for plain promotions. */
  policyVersion: string | null;
};

export type CartPricing = {
  discounts: DiscountLine[];
  freeShipping: boolean;
  /** A code the shopper entered that does not apply, with the reason to show them. */
  rejectedCode: { code: string; reason: string } | null;
};

export async function priceCart(
  _db: Db,
  _input: { lines: PricingLine[]; promoCode: string | null; customerEmail: string | null },
): Promise<CartPricing> {
  return { discounts: [], freeShipping: false, rejectedCode: null };
}

/**
 * Records the redemptions of an order's discounts inside the order's transaction, enforcing
 * usage limits atomically; throws a DomainError (CONFLICT) when a limit is reached.
 */
export async function redeemDiscounts(
  _tx: Db,
  _input: { orderId: string; customerEmail: string; discounts: DiscountLine[] },
): Promise<void> {}

/** Compensation: gives back an order's redemptions (cancel, payment failure). Idempotent. */
export async function revokeDiscounts(_db: Db, _input: { orderId: string }): Promise<void> {}
