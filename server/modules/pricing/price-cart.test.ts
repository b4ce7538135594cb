import { describe, expect, it } from 'vitest';
import { withTx } from '@/server/db/client';
import { useTestDatabase } from '@/server/db/testing';
import { ConflictError, DomainError } from '@/server/errors';
import { priceCart, redeemDiscounts, revokeDiscounts, type PricingLine } from './price-cart';
import { createPromotion, deactivatePromotion, updatePromotion } from './promotions';

const getDb = useTestDatabase();
const db = () => getDb().prisma;

const line = (cents: number, qty = 1, category = 'Furniture'): PricingLine => ({
  variantId: `v_${category}_${cents}`,
  productId: `p_${cents}`,
  categoryPath: [category, 'Sub'],
  unitPriceCents: cents,
  quantity: qty,
});
const promo = (p: Partial<Parameters<typeof createPromotion>[1]> & { name?: string }) =>
  createPromotion(db(), { name: 'Promo', kind: 'percent_off', percentOff: 10, actor: 'merch', ...p });

describe('priceCart', () => {
  it('applies a percent code to eligible lines only and explains rejected codes', async () => {
    await promo({ code: 'sofa20', percentOff: 20, includedCategories: ['Furniture'], minSubtotalCents: 10_000 });
    const cart = [line(30_000), line(5_000, 2, 'Rugs')];
    const priced = await priceCart(db(), { lines: cart, promoCode: ' Sofa20 ', customerEmail: null });
    expect(priced.rejectedCode).toBeNull();
    expect(priced.discounts).toEqual([
      expect.objectContaining({
        kind: 'promotion',
        code: 'SOFA20',
        amountCents: 6_000,
        label: 'Promo: 20% off',
        policyVersion: null,
      }),
    ]);
    const small = await priceCart(db(), { lines: [line(5_000)], promoCode: 'SOFA20', customerEmail: null });
    expect(small.rejectedCode).toEqual({ code: 'SOFA20', reason: 'This code needs a subtotal of at least $100.00' });
    const rugs = await priceCart(db(), { lines: [line(20_000, 1, 'Rugs')], promoCode: 'SOFA20', customerEmail: null });
    expect(rugs.rejectedCode?.reason).toBe('None of the items in your cart are eligible for this code');
    const unknown = await priceCart(db(), { lines: cart, promoCode: 'NOPE', customerEmail: null });
    expect(unknown).toMatchObject({
      discounts: [],
      rejectedCode: { code: 'NOPE', reason: 'This code does not exist' },
    });
  });

  it('respects start/end dates and deactivation', async () => {
    const p = await promo({
      code: 'WINTER',
      startsAt: new Date('2026-12-01T00:00:00Z'),
      endsAt: new Date('2027-01-01T00:00:00Z'),
    });
    const at = (iso: string) =>
      priceCart(db(), { lines: [line(10_000)], promoCode: 'WINTER', customerEmail: null, now: new Date(iso) });
    expect((await at('2026-11-30T23:00:00Z')).rejectedCode?.reason).toBe('This code starts on 2026-12-01');
    expect((await at('2026-12-15T00:00:00Z')).discounts[0]?.amountCents).toBe(1_000);
    expect((await at('2027-01-01T00:00:00Z')).rejectedCode?.reason).toBe('This code expired on 2027-01-01');
    await deactivatePromotion(db(), { id: p.id, actor: 'merch' });
    expect((await at('2026-12-15T00:00:00Z')).rejectedCode?.reason).toBe('This code is no longer active');
  });

  it('caps amount-off at the eligible subtotal and never makes the order negative', async () => {
    const auto = await promo({ name: 'Auto', kind: 'amount_off', percentOff: null, amountOffCents: 8_000, code: null });
    await promo({ name: 'Big', code: 'BIG', kind: 'amount_off', percentOff: null, amountOffCents: 50_000 });
    await promo({ name: 'Ship', code: 'SHIPFREE', kind: 'free_shipping', percentOff: null });
    const priced = await priceCart(db(), {
      lines: [line(3_000), line(2_000, 2, 'Rugs')],
      promoCode: 'BIG',
      customerEmail: null,
    });
    // Subtotal 7,000: the automatic 80.00 is capped at 70.00 and the code gets nothing left.
    expect(priced.discounts.map((d) => d.amountCents)).toEqual([7_000]);
    const total = priced.discounts.reduce((s, d) => s + d.amountCents, 0);
    expect(total).toBeLessThanOrEqual(7_000);
    const ship = await priceCart(db(), { lines: [line(10_000)], promoCode: 'shipfree', customerEmail: null });
    expect(ship.freeShipping).toBe(true);
    expect(ship.discounts.find((d) => d.freeShipping)).toMatchObject({ code: 'SHIPFREE', amountCents: 0 });
    await deactivatePromotion(db(), { id: auto.id, actor: 'merch' });
  });

  it('refuses an invalid promotion naming the field', async () => {
    await expect(promo({ code: 'X1', kind: 'amount_off', percentOff: null })).rejects.toThrow(/amountOffCents/);
    await expect(promo({ code: 'X2', percentOff: 95 })).rejects.toThrow(/percentOff/);
    await promo({ code: 'DUPE' });
    await expect(promo({ code: 'dupe' })).rejects.toBeInstanceOf(ConflictError);
  });
});

describe('redemptions', () => {
  it('admits exactly the usage limit under 50 concurrent redemptions', async () => {
    const p = await promo({ code: 'FIVE', usageLimit: 5 });
    const priced = await priceCart(db(), { lines: [line(10_000)], promoCode: 'FIVE', customerEmail: null });
    const results = await Promise.allSettled(
      Array.from({ length: 50 }, (_, i) =>
        withTx(db(), (tx) =>
          redeemDiscounts(tx, {
            orderId: `ord_c${i}`,
            customerEmail: `c${i}@mail.example`,
            discounts: priced.discounts,
          }),
        ),
      ),
    );
    const ok = results.filter((r) => r.status === 'fulfilled').length;
    const refused = results.filter((r) => r.status === 'rejected');
    expect(ok).toBe(5);
    expect(refused).toHaveLength(45);
    for (const r of refused) expect((r as PromiseRejectedResult).reason).toBeInstanceOf(ConflictError);
    expect(await db().promotionRedemption.count({ where: { promotionId: p.id, revokedAt: null } })).toBe(5);
    expect((await db().promotion.findUniqueOrThrow({ where: { id: p.id } })).uses).toBe(5);
    const after = await priceCart(db(), { lines: [line(10_000)], promoCode: 'FIVE', customerEmail: null });
    expect(after.rejectedCode?.reason).toBe('This code has been fully redeemed');
  }, 60_000);

  it('enforces the per-customer limit by email token, also concurrently', async () => {
    const p = await promo({ code: 'ONCE', perCustomerLimit: 1 });
    const { discounts } = await priceCart(db(), {
      lines: [line(10_000)],
      promoCode: 'ONCE',
      customerEmail: 'Ann@mail.example',
    });
    const results = await Promise.allSettled(
      Array.from({ length: 6 }, (_, i) =>
        withTx(db(), (tx) =>
          redeemDiscounts(tx, { orderId: `ord_ann${i}`, customerEmail: 'ann@mail.example', discounts }),
        ),
      ),
    );
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    const again = await priceCart(db(), {
      lines: [line(10_000)],
      promoCode: 'ONCE',
      customerEmail: 'ANN@mail.example',
    });
    expect(again.rejectedCode?.reason).toBe('You have already used this code');
    const other = await priceCart(db(), {
      lines: [line(10_000)],
      promoCode: 'ONCE',
      customerEmail: 'bob@mail.example',
    });
    expect(other.rejectedCode).toBeNull();
    // The raw email is never stored.
    const rows = await db().promotionRedemption.findMany({ where: { promotionId: p.id } });
    expect(JSON.stringify(rows)).not.toContain('ann@');
  });

  it('is idempotent per order and revocation gives the use back, once', async () => {
    const p = await promo({ code: 'TWICE', usageLimit: 1 });
    const { discounts } = await priceCart(db(), { lines: [line(10_000)], promoCode: 'TWICE', customerEmail: null });
    const redeem = (orderId: string) => redeemDiscounts(db(), { orderId, customerEmail: 'x@mail.example', discounts });
    await redeem('ord_1');
    await redeem('ord_1'); // a retried checkout step
    expect((await db().promotion.findUniqueOrThrow({ where: { id: p.id } })).uses).toBe(1);
    await expect(redeem('ord_2')).rejects.toBeInstanceOf(ConflictError);
    expect(await revokeDiscounts(db(), { orderId: 'ord_1' })).toEqual({ promotions: 1, offers: 0 });
    expect(await revokeDiscounts(db(), { orderId: 'ord_1' })).toEqual({ promotions: 0, offers: 0 });
    expect((await db().promotion.findUniqueOrThrow({ where: { id: p.id } })).uses).toBe(0);
    await redeem('ord_2');
    // ord_1 retried after its revocation: the limit holds.
    const err = await redeem('ord_1').catch((e: unknown) => e);
    expect(err).toBeInstanceOf(DomainError);
    expect((await db().promotion.findUniqueOrThrow({ where: { id: p.id } })).uses).toBe(1);
  });

  it('refuses to lower a usage limit below the uses already made', async () => {
    const p = await promo({ code: 'LIMITED', usageLimit: 3 });
    const { discounts } = await priceCart(db(), { lines: [line(10_000)], promoCode: 'LIMITED', customerEmail: null });
    await redeemDiscounts(db(), { orderId: 'ord_l1', customerEmail: 'a@mail.example', discounts });
    await redeemDiscounts(db(), { orderId: 'ord_l2', customerEmail: 'b@mail.example', discounts });
    await expect(updatePromotion(db(), { id: p.id, usageLimit: 1, actor: 'merch' })).rejects.toThrow(
      /below the 2 uses/,
    );
    expect((await updatePromotion(db(), { id: p.id, usageLimit: 2, actor: 'merch' })).usageLimit).toBe(2);
  });
});
