import { beforeAll, describe, expect, it } from 'vitest';
import { registerImplementation } from '@/server/decisions/implementations';
import { useTestDatabase } from '@/server/db/testing';
import { ConflictError } from '@/server/errors';
import { createRng } from '@/server/ml/risk/prng';
import { makeModel, versionAt } from '@/server/modules/models/models.fixtures';
import { DEFAULT_POLICIES, type DiscountPolicy } from '@/server/modules/policies/policy-kinds';
import { createDraft, ensureDefaultPolicies, publishPolicyVersion } from '@/server/modules/policies/policy-versions';
import { clampOffer, marginCapCents } from './clamp-offer';
import { lineCostCents } from './cost-ratios';
import { ensureDiscountModel } from './ensure-discount-model';
import { priceCart, redeemDiscounts, revokeDiscounts, type PricingLine } from './price-cart';
import { proposeDiscountOffer } from './propose-discount-offer';
import { generatePastOrders, simulateDiscountPolicy } from './simulate-discount-policy';

const getDb = useTestDatabase();
const db = () => getDb().prisma;
const CATS = ['Furniture', 'Décor & Pillows', 'Appliances', 'Lighting', 'Rugs', 'Outdoor'];

// A model that proposes anything from 0 to 99.9%: the policy must hold whatever it says.
registerImplementation<{ subtotalCents: number; itemCount: number }, { percent: number }>(
  'test.wild-discount',
  async (input) => ({
    output: { percent: ((input.subtotalCents * 7_919 + input.itemCount * 104_729) % 1_000) / 10 },
  }),
);

function randomCart(rng: ReturnType<typeof createRng>): PricingLine[] {
  return Array.from({ length: rng.int(1, 4) }, (_, i) => ({
    variantId: `v${i}`,
    productId: `p${i}`,
    categoryPath: [rng.pick(CATS), 'Sub'],
    unitPriceCents: rng.int(100, 200_000),
    quantity: rng.int(1, 3),
  }));
}

function randomPolicy(rng: ReturnType<typeof createRng>): DiscountPolicy {
  return {
    maxPercent: rng.int(0, 90),
    marginFloor: Math.round(rng.next() * 90) / 100,
    frequency: { maxOffers: rng.int(0, 3), perDays: rng.int(1, 30) },
    excludedCategories: CATS.filter(() => rng.chance(0.25)),
    dailyBudgetCents: rng.int(0, 300_000),
    approvalAbovePercent: null,
    approvalAboveAmountCents: null,
  };
}

function assertWithinPolicy(p: DiscountPolicy, lines: PricingLine[], amount: number, percent: number) {
  const eligible = lines.filter((l) => !l.categoryPath.some((c) => p.excludedCategories.includes(c)));
  const R = eligible.reduce((s, l) => s + l.unitPriceCents * l.quantity, 0);
  const C = eligible.reduce((s, l) => s + lineCostCents(l), 0);
  expect(amount).toBeGreaterThanOrEqual(0);
  if (amount === 0) return;
  expect(amount).toBeLessThanOrEqual(Math.floor((R * p.maxPercent) / 100));
  expect(percent).toBeLessThanOrEqual(p.maxPercent + 1e-9);
  expect(amount).toBeLessThanOrEqual(R);
  expect((R - amount - C) / (R - amount)).toBeGreaterThanOrEqual(p.marginFloor - 1e-9);
  expect(amount).toBeLessThanOrEqual(p.dailyBudgetCents);
}

describe('clampOffer (property)', () => {
  it('never exceeds any bound over 5,000 random carts, policies and proposals', () => {
    const rng = createRng(99);
    for (let i = 0; i < 5_000; i++) {
      const p = randomPolicy(rng);
      const lines = randomCart(rng);
      const spent = rng.int(0, 300_000);
      const inWindow = rng.int(0, 4);
      const c = clampOffer(p, rng.next() * 120, lines, { customerOffersInWindow: inWindow, spentTodayCents: spent });
      assertWithinPolicy(p, lines, c.amountCents, c.percent);
      expect(c.amountCents).toBeLessThanOrEqual(Math.max(0, p.dailyBudgetCents - spent));
      if (inWindow >= p.frequency.maxOffers) expect(c.amountCents).toBe(0);
    }
  });

  it('computes the margin cap exactly', () => {
    // Revenue 100.00, cost 60.00, floor 20%: (100 − D − 60) / (100 − D) ≥ 0.2 ⇔ D ≤ 25.00.
    expect(marginCapCents(10_000, 6_000, 0.2)).toBe(2_500);
    expect(marginCapCents(10_000, 9_000, 0.2)).toBe(0);
  });
});

describe('proposeDiscountOffer', () => {
  it('offers nothing while no discount policy is published', async () => {
    const r = await proposeDiscountOffer(db(), {
      subject: 'cart_0',
      reason: 'cart_recovery',
      lines: [{ variantId: 'v', productId: 'p', categoryPath: ['Furniture'], unitPriceCents: 50_000, quantity: 1 }],
      customerEmail: 'a@mail.example',
    });
    expect(r).toMatchObject({ offer: null, reason: 'No discount policy is published' });
  });

  describe('with the seeded policy and model', () => {
    beforeAll(async () => {
      await ensureDefaultPolicies(db());
      expect((await ensureDiscountModel(db())).created).toBe(true);
    });

    const sofa: PricingLine[] = [
      { variantId: 'v1', productId: 'p1', categoryPath: ['Furniture', 'Sofas'], unitPriceCents: 80_000, quantity: 1 },
    ];

    it('proposes through the seam, records the policy version, and respects frequency', async () => {
      const r = await proposeDiscountOffer(db(), {
        subject: 'cart_1',
        reason: 'cart_recovery',
        lines: sofa,
        customerEmail: 'Eve@mail.example',
      });
      expect(r.offer).not.toBeNull();
      expect(r.offer!.percent).toBeLessThanOrEqual(DEFAULT_POLICIES.discount.maxPercent);
      expect(r.policyVersion).toBe('discount-policy@v1');
      expect(r.decision?.modelVersion).toBe('discount-propensity@v1');
      const row = await db().discountOffer.findUniqueOrThrow({ where: { id: r.offer!.id } });
      expect(row).toMatchObject({ policyVersion: 1, status: 'offered', modelVersion: 'discount-propensity@v1' });
      expect(JSON.stringify(row)).not.toContain('eve@');
      const again = await proposeDiscountOffer(db(), {
        subject: 'cart_2',
        reason: 'held_order',
        lines: sofa,
        customerEmail: 'eve@mail.example',
      });
      expect(again).toMatchObject({ offer: null, clampedBy: ['frequency'] });
      expect(again.reason).toMatch(/most offers the policy allows/);
    });

    it('is redeemed once through priceCart/redeemDiscounts and revoked by compensation', async () => {
      const r = await proposeDiscountOffer(db(), {
        subject: 'cart_3',
        reason: 'held_order',
        lines: sofa,
        customerEmail: 'fay@mail.example',
      });
      const priced = await priceCart(db(), {
        lines: sofa,
        promoCode: null,
        customerEmail: 'fay@mail.example',
        offerId: r.offer!.id,
      });
      expect(priced.discounts).toEqual([
        expect.objectContaining({
          kind: 'offer',
          offerId: r.offer!.id,
          amountCents: r.offer!.amountCents,
          policyVersion: 'discount-policy@v1',
        }),
      ]);
      const stranger = await priceCart(db(), {
        lines: sofa,
        promoCode: null,
        customerEmail: 'gus@mail.example',
        offerId: r.offer!.id,
      });
      expect(stranger.rejectedOffer?.reason).toBe('This offer belongs to another customer');
      await redeemDiscounts(db(), {
        orderId: 'ord_fay',
        customerEmail: 'fay@mail.example',
        discounts: priced.discounts,
      });
      await redeemDiscounts(db(), {
        orderId: 'ord_fay',
        customerEmail: 'fay@mail.example',
        discounts: priced.discounts,
      });
      await expect(
        redeemDiscounts(db(), { orderId: 'ord_other', customerEmail: 'fay@mail.example', discounts: priced.discounts }),
      ).rejects.toBeInstanceOf(ConflictError);
      expect(await revokeDiscounts(db(), { orderId: 'ord_fay' })).toEqual({ promotions: 0, offers: 1 });
      expect(await revokeDiscounts(db(), { orderId: 'ord_fay' })).toEqual({ promotions: 0, offers: 0 });
      expect((await db().discountOffer.findUniqueOrThrow({ where: { id: r.offer!.id } })).status).toBe('revoked');
    });

    it('never exceeds the published policy for any model, over random carts and policies (property, real database)', async () => {
      const model = await makeModel(db(), 'discount_offer');
      await versionAt(db(), {
        modelId: model.id,
        kind: 'discount_offer',
        implementationKey: 'test.wild-discount',
        stage: 'production',
        metric: 1,
      });
      const rng = createRng(2026);
      const now = new Date('2026-11-27T12:00:00Z');
      let offered = 0;
      const clamps = new Set<string>();
      for (let round = 0; round < 10; round++) {
        const policy = randomPolicy(rng);
        const draft = await createDraft(db(), { kind: 'discount', body: policy, actor: 'analyst' });
        const published = await publishPolicyVersion(db(), { id: draft.id, actor: 'owner' });
        const day = new Date(now.getTime() + round * 2 * 86_400_000 * 40); // each round on its own days
        const given: { customer: string; amount: number }[] = [];
        for (let k = 0; k < 14; k++) {
          const lines = randomCart(rng);
          const customer = `r${round}c${rng.int(0, 4)}@mail.example`;
          const r = await proposeDiscountOffer(db(), {
            subject: `cart_${round}_${k}`,
            reason: rng.chance(0.5) ? 'cart_recovery' : 'held_order',
            lines,
            customerEmail: customer,
            now: day,
          });
          expect(r.policyVersion).toBe(`discount-policy@v${published.version}`);
          r.clampedBy.forEach((c) => clamps.add(c));
          if (!r.offer) continue;
          offered += 1;
          assertWithinPolicy(policy, lines, r.offer.amountCents, r.offer.percent);
          given.push({ customer, amount: r.offer.amountCents });
        }
        expect(given.reduce((s, g) => s + g.amount, 0)).toBeLessThanOrEqual(policy.dailyBudgetCents);
        for (const c of new Set(given.map((g) => g.customer)))
          expect(given.filter((g) => g.customer === c).length).toBeLessThanOrEqual(policy.frequency.maxOffers);
      }
      // The test is only meaningful if offers were made and every kind of bound bit.
      expect(offered).toBeGreaterThanOrEqual(8);
      expect([...clamps].sort()).toEqual(
        expect.arrayContaining(['daily_budget', 'frequency', 'margin_floor', 'max_percent']),
      );
    }, 120_000);

    it('never overspends the daily budget under concurrent proposals', async () => {
      const draft = await createDraft(db(), {
        kind: 'discount',
        body: {
          maxPercent: 50,
          marginFloor: 0,
          frequency: { maxOffers: 5, perDays: 1 },
          excludedCategories: [],
          dailyBudgetCents: 10_000,
        },
        actor: 'analyst',
      });
      await publishPolicyVersion(db(), { id: draft.id, actor: 'owner' });
      const now = new Date('2027-06-01T10:00:00Z');
      const results = await Promise.all(
        Array.from({ length: 16 }, (_, i) =>
          proposeDiscountOffer(db(), {
            subject: `cart_b${i}`,
            reason: 'cart_recovery',
            lines: [
              {
                variantId: 'v',
                productId: 'p',
                categoryPath: ['Décor & Pillows'],
                unitPriceCents: 9_000 + i * 37,
                quantity: 1,
              },
            ],
            customerEmail: `budget${i}@mail.example`,
            now,
          }),
        ),
      );
      const total = results.reduce((s, r) => s + (r.offer?.amountCents ?? 0), 0);
      expect(total).toBeLessThanOrEqual(10_000);
      expect(results.some((r) => r.clampedBy.includes('daily_budget'))).toBe(true);
    }, 60_000);
  });
});

describe('simulateDiscountPolicy', () => {
  it('reports offers, cost and margin impact; a stricter draft gives fewer and cheaper offers', async () => {
    const orders = generatePastOrders({ seed: 5, days: 10, perDay: 25, end: new Date('2026-11-27T00:00:00Z') });
    const loose = {
      maxPercent: 30,
      marginFloor: 0.1,
      frequency: { maxOffers: 3, perDays: 7 },
      excludedCategories: [],
      dailyBudgetCents: 1_000_000,
    };
    const strict = {
      maxPercent: 10,
      marginFloor: 0.35,
      frequency: { maxOffers: 1, perDays: 30 },
      excludedCategories: ['Appliances'],
      dailyBudgetCents: 5_000,
    };
    const a = await simulateDiscountPolicy(db(), loose, orders);
    const b = await simulateDiscountPolicy(db(), strict, orders);
    expect(a.orders).toBe(250);
    expect(a.offers).toBeGreaterThan(b.offers);
    expect(a.totalCostCents).toBeGreaterThan(b.totalCostCents);
    expect(b.totalCostCents).toBeLessThanOrEqual(5_000 * 10);
    expect(b.maxOfferPercent).toBeLessThanOrEqual(10);
    expect(a.marginImpactPoints).toBeLessThan(0);
    expect(a.marginAfterCents).toBe(a.grossMarginCents - a.totalCostCents);
    expect(b.clampedBy.frequency).toBeGreaterThan(0);
    await expect(simulateDiscountPolicy(db(), { ...loose, maxPercent: 95 }, orders)).rejects.toThrow(
      /maxPercent: a discount cap over 90% is refused/,
    );
  });
});
