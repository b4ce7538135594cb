// Totals arithmetic in integer cents. Configuration from the environment (documented in README):
//   CHECKOUT_TAX_RATE_BPS                   tax on (subtotal − discounts), basis points; default 800 (8%)
//   CHECKOUT_SHIPPING_FLAT_CENTS            flat shipping per order; default 1500 ($15)
//   CHECKOUT_FREE_SHIPPING_THRESHOLD_CENTS  free shipping at or above this (after discounts); default 25000 ($250)

export type TotalsConfig = { taxRateBps: number; shippingFlatCents: number; freeShippingThresholdCents: number };

function intEnv(value: string | undefined, fallback: number): number {
  const n = Number(value);
  return value !== undefined && value !== '' && Number.isInteger(n) && n >= 0 ? n : fallback;
}

export function totalsConfig(env: NodeJS.ProcessEnv = process.env): TotalsConfig {
  return {
    taxRateBps: intEnv(env.CHECKOUT_TAX_RATE_BPS, 800),
    shippingFlatCents: intEnv(env.CHECKOUT_SHIPPING_FLAT_CENTS, 1500),
    freeShippingThresholdCents: intEnv(env.CHECKOUT_FREE_SHIPPING_THRESHOLD_CENTS, 25000),
  };
}

export type Totals = {
  subtotalCents: number;
  discountCents: number;
  taxCents: number;
  shippingCents: number;
  totalCents: number;
};

/** total = subtotal − discounts (never below zero) + tax on the discounted amount + shipping. */
export function computeTotals(
  input: { subtotalCents: number; discountCents: number; freeShipping: boolean; empty: boolean },
  config: TotalsConfig = totalsConfig(),
): Totals {
  const discountCents = Math.min(Math.max(0, input.discountCents), input.subtotalCents);
  const taxable = input.subtotalCents - discountCents;
  // Half-up rounding of a non-negative integer product: exact in integers.
  const taxCents = Math.floor((taxable * config.taxRateBps + 5_000) / 10_000);
  const shippingCents =
    input.empty || input.freeShipping || taxable >= config.freeShippingThresholdCents ? 0 : config.shippingFlatCents;
  return {
    subtotalCents: input.subtotalCents,
    discountCents,
    taxCents,
    shippingCents,
    totalCents: taxable + taxCents + shippingCents,
  };
}
