import { describe, expect, it } from 'vitest';
import { computeTotals, totalsConfig } from './cart-totals';

const config = { taxRateBps: 800, shippingFlatCents: 1500, freeShippingThresholdCents: 25_000 };

describe('computeTotals', () => {
  it('adds 8% tax on the discounted subtotal and flat shipping below the threshold', () => {
    expect(computeTotals({ subtotalCents: 10_000, discountCents: 1_000, freeShipping: false, empty: false }, config)).toEqual({
      subtotalCents: 10_000,
      discountCents: 1_000,
      taxCents: 720,
      shippingCents: 1500,
      totalCents: 9_000 + 720 + 1500,
    });
  });

  it('ships free at the threshold or when pricing says so; rounds tax half up in integers', () => {
    expect(computeTotals({ subtotalCents: 25_000, discountCents: 0, freeShipping: false, empty: false }, config).shippingCents).toBe(0);
    expect(computeTotals({ subtotalCents: 999, discountCents: 0, freeShipping: true, empty: false }, config)).toMatchObject({
      taxCents: 80, // 79.92 → 80
      shippingCents: 0,
      totalCents: 1079,
    });
    expect(computeTotals({ subtotalCents: 1_006, discountCents: 0, freeShipping: true, empty: false }, { ...config, taxRateBps: 825 }).taxCents).toBe(83); // 82.995 → 83
  });

  it('never discounts below zero and charges nothing for an empty cart', () => {
    expect(computeTotals({ subtotalCents: 500, discountCents: 900, freeShipping: false, empty: false }, config)).toMatchObject({
      discountCents: 500,
      taxCents: 0,
      totalCents: 1500,
    });
    expect(computeTotals({ subtotalCents: 0, discountCents: 0, freeShipping: false, empty: true }, config).totalCents).toBe(0);
  });

  it('reads its configuration from the environment, ignoring nonsense', () => {
    expect(totalsConfig({ CHECKOUT_TAX_RATE_BPS: '1000', CHECKOUT_SHIPPING_FLAT_CENTS: 'abc' } as unknown as NodeJS.ProcessEnv)).toEqual({
      taxRateBps: 1000,
      shippingFlatCents: 1500,
      freeShippingThresholdCents: 25_000,
    });
  });
});
