// Cart pricing: promotions (a code, automatic ones, free shipping) and a dynamic discount
// offer, as discount lines; redemptions recorded inside the checkout's transaction with limits
// enforced atomically; revocation as idempotent compensation.
//
// Rules: no line exceeds its eligible subtotal; lines are applied automatic-first, then the
// code, then an offer, each capped by what is left, so the total discount never exceeds the
// subtotal (the order is never negative). An offer stacks after the promotions: the discount
// policy bounds it on the eligible lines' revenue net of the promotions' share of them, so
// promotion + offer together keep the policy's margin floor.
import type { Db } from '@/server/db/client';
import { withTx } from '@/server/db/client';
import { hotQuery, hotSql } from '@/server/db/hot-sql';
import { ConflictError } from '@/server/errors';
import { emailToken } from '@/server/lib/identity-token';
import { newId } from '@/server/lib/ids';
import { getPublishedPolicy, policyLabel } from '@/server/modules/policies/policy-versions';
import { discountShareCents, offerCaps, offerEligibleLines } from './clamp-offer';
import { lineCostCents } from './cost-ratios';
import type { Promotion } from '@/server/db/generated/client';

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
  /** Positive integer cents taken off the subtotal (0 only on a free-shipping line). */
  amountCents: number;
  /** The discount-policy version that allowed it (offers), null for plain promotions. */
  policyVersion: string | null;
  /**
   * Offers only, and only when it differs from policyVersion: the published discount-policy
   * version whose bounds priced this line at checkout. policyVersion stays the version the
   * offer was made under (it granted the offer and counted it against that day's budget); a
   * policy published since can only have cut the amount (never above the one granted), and this names it.
   */
  boundedByPolicyVersion?: string | null;
  /** The discount offer this line redeems (kind 'offer'). */
  offerId?: string | null;
  /** A free-shipping promotion: amountCents is 0 and the cart's shipping is waived. */
  freeShipping?: boolean;
};

export type CartPricing = {
  discounts: DiscountLine[];
  freeShipping: boolean;
  /** A code the shopper entered that does not apply, with the reason to show them. */
  rejectedCode: { code: string; reason: string } | null;
  /** An offer id that does not apply (used, revoked, someone else's), with the reason. */
  rejectedOffer?: { offerId: string; reason: string } | null;
};

const money = (cents: number) => `$${(cents / 100).toFixed(2)}`;

export function lineTotal(l: { unitPriceCents: number; quantity: number }) {
  return l.unitPriceCents * l.quantity;
}

type PromotionScope = { includedCategories: string[]; excludedCategories: string[] };

/** Lines a promotion applies to: in an included category (when any) and in no excluded one. */
function promotionLines(lines: PricingLine[], p: PromotionScope): PricingLine[] {
  return lines.filter(
    (l) =>
      (p.includedCategories.length === 0 || l.categoryPath.some((c) => p.includedCategories.includes(c))) &&
      !l.categoryPath.some((c) => p.excludedCategories.includes(c)),
  );
}

const sumLines = (lines: PricingLine[]) => lines.reduce((s, l) => s + lineTotal(l), 0);

/** The subtotal of the lines a promotion applies to. */
export function eligibleSubtotal(lines: PricingLine[], p: PromotionScope): number {
  return sumLines(promotionLines(lines, p));
}

/** Why a promotion does not apply to this cart now, or null when it does. */
function ineligibility(p: Promotion, lines: PricingLine[], now: Date, customerUses: number): string | null {
  if (!p.active) return 'This code is no longer active';
  if (p.startsAt && now < p.startsAt) return `This code starts on ${p.startsAt.toISOString().slice(0, 10)}`;
  if (p.endsAt && now >= p.endsAt) return `This code expired on ${p.endsAt.toISOString().slice(0, 10)}`;
  if (p.usageLimit !== null && p.uses >= p.usageLimit) return 'This code has been fully redeemed';
  if (p.perCustomerLimit !== null && customerUses >= p.perCustomerLimit)
    return p.perCustomerLimit === 1
      ? 'You have already used this code'
      : `You have used this code ${customerUses} times, the limit`;
  const subtotal = lines.reduce((s, l) => s + lineTotal(l), 0);
  if (subtotal < p.minSubtotalCents) return `This code needs a subtotal of at least ${money(p.minSubtotalCents)}`;
  if (eligibleSubtotal(lines, p) === 0) return 'None of the items in your cart are eligible for this code';
  return null;
}

function discountFor(p: Promotion, eligible: number): number {
  if (p.kind === 'percent_off') return Math.floor((eligible * (p.percentOff ?? 0)) / 100);
  if (p.kind === 'amount_off') return Math.min(p.amountOffCents ?? 0, eligible);
  return 0;
}

function labelFor(p: Promotion): string {
  if (p.kind === 'free_shipping') return `${p.name}: free shipping`;
  if (p.kind === 'percent_off') return `${p.name}: ${p.percentOff}% off`;
  return `${p.name}: ${money(p.amountOffCents ?? 0)} off`;
}

type PromotionRow = Omit<Promotion, 'startsAt' | 'endsAt' | 'createdAt' | 'updatedAt'> & {
  startsAt: number | null;
  endsAt: number | null;
  createdAt: number;
  updatedAt: number;
};
const date = (ms: number | null) => (ms === null ? null : new Date(ms));

/**
 * The active automatic promotions (oldest first) and the entered code's promotion, in one hot
 * statement on the pg pool (every order is priced: ADR 037). Read fresh each time, so a
 * promotion's use count is never stale.
 */
async function readPromotions(db: Db, code: string | null): Promise<{ automatic: Promotion[]; coded: Promotion | null }> {
  const rows = await hotQuery<PromotionRow>(db, hotSql`
    SELECT id, code, name, kind, percent_off AS "percentOff", amount_off_cents AS "amountOffCents",
           min_subtotal_cents AS "minSubtotalCents", included_categories AS "includedCategories",
           excluded_categories AS "excludedCategories", usage_limit AS "usageLimit", per_customer_limit AS "perCustomerLimit",
           uses, active, created_by AS "createdBy",
           (extract(epoch FROM starts_at) * 1000)::float8 AS "startsAt", (extract(epoch FROM ends_at) * 1000)::float8 AS "endsAt",
           (extract(epoch FROM created_at) * 1000)::float8 AS "createdAt", (extract(epoch FROM updated_at) * 1000)::float8 AS "updatedAt"
    FROM promotions
    WHERE (code IS NULL AND active) OR code = ${code}::text
    ORDER BY created_at, id`);
  const promotions = rows.map(
    (r): Promotion => ({ ...r, startsAt: date(r.startsAt), endsAt: date(r.endsAt), createdAt: new Date(r.createdAt), updatedAt: new Date(r.updatedAt) }),
  );
  return { automatic: promotions.filter((p) => p.code === null), coded: (code && promotions.find((p) => p.code === code)) || null };
}

export async function priceCart(
  db: Db,
  input: {
    lines: PricingLine[];
    promoCode: string | null;
    customerEmail: string | null;
    offerId?: string | null;
    now?: Date;
  },
): Promise<CartPricing> {
  const now = input.now ?? new Date();
  const lines = input.lines.filter((l) => l.quantity > 0 && l.unitPriceCents >= 0);
  const subtotal = lines.reduce((s, l) => s + lineTotal(l), 0);
  const code = input.promoCode?.trim().toUpperCase() || null;
  const token = input.customerEmail ? emailToken(input.customerEmail) : null;
  const { automatic, coded } = await readPromotions(db, code);
  const usesByCustomer = new Map<string, number>();
  if (token) {
    const ids = [...automatic, ...(coded ? [coded] : [])].filter((p) => p.perCustomerLimit !== null).map((p) => p.id);
    if (ids.length) {
      const rows = await db.promotionRedemption.groupBy({
        by: ['promotionId'],
        where: { promotionId: { in: ids }, customerToken: token, revokedAt: null },
        _count: { _all: true },
      });
      for (const r of rows) usesByCustomer.set(r.promotionId, r._count._all);
    }
  }

  const discounts: DiscountLine[] = [];
  // Each promotion's amount with the lines it was computed on (an offer's bounds count their share).
  const promotionsApplied: AppliedPromotion[] = [];
  let remaining = subtotal;
  let freeShipping = false;
  const apply = (p: Promotion) => {
    if (p.kind === 'free_shipping') {
      freeShipping = true;
      discounts.push({
        kind: 'promotion',
        promotionId: p.id,
        code: p.code,
        label: labelFor(p),
        amountCents: 0,
        policyVersion: null,
        freeShipping: true,
      });
      return;
    }
    const on = promotionLines(lines, p);
    const amount = Math.min(discountFor(p, sumLines(on)), remaining);
    if (amount <= 0) return;
    remaining -= amount;
    promotionsApplied.push({ amountCents: amount, lines: on });
    discounts.push({
      kind: 'promotion',
      promotionId: p.id,
      code: p.code,
      label: labelFor(p),
      amountCents: amount,
      policyVersion: null,
    });
  };

  for (const p of automatic) if (!ineligibility(p, lines, now, usesByCustomer.get(p.id) ?? 0)) apply(p);

  let rejectedCode: CartPricing['rejectedCode'] = null;
  if (code) {
    const reason = !coded
      ? 'This code does not exist'
      : ineligibility(coded, lines, now, usesByCustomer.get(coded.id) ?? 0);
    if (reason) rejectedCode = { code, reason };
    else apply(coded!);
  }

  let rejectedOffer: CartPricing['rejectedOffer'] = null;
  if (input.offerId) {
    const applied = await priceOffer(db, input.offerId, { lines, token, now, remaining, promotions: promotionsApplied });
    if ('reason' in applied) rejectedOffer = { offerId: input.offerId, reason: applied.reason };
    else if (applied.line.amountCents > 0) {
      remaining -= applied.line.amountCents;
      discounts.push(applied.line);
    }
  }
  return { discounts, freeShipping, rejectedCode, rejectedOffer };
}

/**
 * Records the redemptions of an order's discounts inside the order's transaction, enforcing
 * usage limits atomically; throws a DomainError (CONFLICT) when a limit is reached.
 * Repeating it for the same order changes nothing.
 */
export async function redeemDiscounts(
  tx: Db,
  input: { orderId: string; customerEmail: string; discounts: DiscountLine[] },
): Promise<void> {
  const token = emailToken(input.customerEmail);
  // Joins the caller's transaction; called with a plain client it opens one, so a refused
  // limit never leaves a half-counted redemption behind.
  await withTx(tx, async (t) => {
    for (const d of input.discounts) await redeemOne(t, d, input.orderId, token);
  });
}

async function redeemOne(tx: Db, d: DiscountLine, orderId: string, token: string) {
  if (d.kind === 'promotion' && d.promotionId) await redeemPromotion(tx, d, orderId, token);
  if (d.kind === 'offer' && d.offerId) {
    const n = await tx.$executeRaw`
      UPDATE discount_offers SET status = 'redeemed', order_id = ${orderId}, redeemed_at = now()
       WHERE id = ${d.offerId} AND customer_token = ${token}
         AND (status = 'offered' OR (status = 'redeemed' AND order_id = ${orderId}))`;
    if (n === 0) throw new ConflictError('this offer was already used or withdrawn', { offerId: d.offerId });
  }
}

async function redeemPromotion(tx: Db, d: DiscountLine, orderId: string, token: string) {
  const existing = await tx.promotionRedemption.findUnique({
    where: { promotionId_orderId: { promotionId: d.promotionId!, orderId } },
    select: { id: true, revokedAt: true },
  });
  if (existing && existing.revokedAt === null) return; // already redeemed by this order
  // The conditional increment takes the promotion's row lock: concurrent redemptions queue
  // here, and each re-checks the limit against the committed count (READ COMMITTED re-evaluates
  // the WHERE after the lock), so a limit of N admits exactly N.
  const rows = await tx.$queryRaw<{ per_customer_limit: number | null; ends_at: Date | null }[]>`
    UPDATE promotions SET uses = uses + 1, updated_at = now()
     WHERE id = ${d.promotionId} AND active AND (usage_limit IS NULL OR uses < usage_limit)
       AND (starts_at IS NULL OR starts_at <= now()) AND (ends_at IS NULL OR ends_at > now())
     RETURNING per_customer_limit, ends_at`;
  const label = d.code ?? d.label;
  if (rows.length === 0)
    throw new ConflictError(`${label} has reached its usage limit or is no longer active`, {
      promotionId: d.promotionId,
    });
  const perCustomer = rows[0]!.per_customer_limit;
  if (perCustomer !== null) {
    // Still under the promotion's row lock, so two orders by one customer cannot both pass.
    const used = await tx.promotionRedemption.count({
      where: { promotionId: d.promotionId!, customerToken: token, revokedAt: null },
    });
    if (used >= perCustomer)
      throw new ConflictError(`${label} can be used ${perCustomer} time(s) per customer`, {
        promotionId: d.promotionId,
      });
  }
  if (existing) {
    await tx.promotionRedemption.update({
      where: { id: existing.id },
      data: { revokedAt: null, amountCents: d.amountCents, customerToken: token },
    });
  } else {
    await tx.promotionRedemption.create({
      data: {
        id: newId('red'),
        promotionId: d.promotionId!,
        orderId,
        customerToken: token,
        amountCents: d.amountCents,
      },
    });
  }
}

/** Compensation: gives back an order's redemptions (cancel, payment failure). Idempotent. */
export async function revokeDiscounts(
  db: Db,
  input: { orderId: string },
): Promise<{ promotions: number; offers: number }> {
  return withTx(db, async (tx) => {
    const revoked = await tx.$queryRaw<{ promotion_id: string }[]>`
      UPDATE promotion_redemptions SET revoked_at = now()
       WHERE order_id = ${input.orderId} AND revoked_at IS NULL
       RETURNING promotion_id`;
    for (const r of revoked)
      await tx.$executeRaw`UPDATE promotions SET uses = uses - 1, updated_at = now() WHERE id = ${r.promotion_id} AND uses > 0`;
    const offers = await tx.$executeRaw`
      UPDATE discount_offers SET status = 'revoked', revoked_at = now()
       WHERE order_id = ${input.orderId} AND status = 'redeemed'`;
    return { promotions: revoked.length, offers };
  });
}

/** How long a cart recovery offer stays valid after it is made (the email says so). */
export const RECOVERY_OFFER_TTL_MS = 48 * 3_600_000;

/**
 * When an offer stops applying: the expiry fixed when it was made (the recovery policy's), else
 * recovery offers 48 h after they were made and held-order apologies never.
 */
export function offerExpiresAt(offer: { reason: string; createdAt: Date; expiresAt?: Date | null }): Date | null {
  if (offer.expiresAt) return offer.expiresAt;
  return offer.reason === 'cart_recovery' ? new Date(offer.createdAt.getTime() + RECOVERY_OFFER_TTL_MS) : null;
}

/** An offer's percent as shoppers see it (one decimal at most), in the email and on the cart. */
export const offerPercentText = (p: number) => String(Math.round(p * 10) / 10);
const pct = (p: number) => `${offerPercentText(p)}\u00a0%`;
const when = (d: Date) =>
  new Intl.DateTimeFormat('en-US', { month: 'short', day: 'numeric', hour: '2-digit', minute: '2-digit', timeZone: 'UTC', hour12: false }).format(d) + ' UTC';

type AppliedPromotion = { amountCents: number; lines: PricingLine[] };

/**
 * The promotions' share of the offer-eligible lines: each promotion's amount spread over the
 * lines it was computed on by their subtotal (as refunds spread a discount), rounded up. Not
 * the conservative whole promotion total: a promotion on lines the offer cannot touch (say an
 * excluded category) takes nothing off the offer's lines and must not shrink the offer; and
 * here, unlike on a placed order, we know exactly which lines each promotion was computed on.
 */
export function promotionShareCents(promotions: AppliedPromotion[], offerLines: PricingLine[]): number {
  const eligible = new Set(offerLines);
  return promotions.reduce((s, p) => s + discountShareCents(p.amountCents, p.lines, (l) => eligible.has(l)), 0);
}

/**
 * A stored offer priced against this cart: its percent of what the cart holds now that the
 * published discount policy allows (excluded categories, max percent, margin floor), never more
 * than the amount granted when it was made (that is what the day's budget counted). Without an
 * email (the cart page) ownership is not checked yet; checkout passes the buyer's email.
 */
async function priceOffer(
  db: Db,
  offerId: string,
  ctx: { lines: PricingLine[]; token: string | null; now: Date; remaining: number; promotions: AppliedPromotion[] },
): Promise<{ line: DiscountLine } | { reason: string }> {
  const offer = await db.discountOffer.findUnique({ where: { id: offerId } });
  if (!offer) return { reason: 'This offer does not exist' };
  if (ctx.token && offer.customerToken !== ctx.token) return { reason: 'This offer belongs to another customer' };
  if (offer.status === 'redeemed') return { reason: 'This offer has already been used' };
  if (offer.status !== 'offered') return { reason: `This offer was ${offer.status}` };
  const expires = offerExpiresAt(offer);
  if (expires && ctx.now >= expires) return { reason: `This offer expired on ${when(expires)}` };
  const published = await getPublishedPolicy(db, 'discount');
  if (!published) return { reason: 'Offers are paused: no discount policy is published' };
  const policy = published.body;
  const eligible = offerEligibleLines(policy, ctx.lines);
  const R = eligible.reduce((n, l) => n + lineTotal(l), 0);
  if (R === 0) return { reason: 'None of the items in your cart are eligible for this offer' };
  const C = eligible.reduce((n, l) => n + lineCostCents(l), 0);
  const caps = offerCaps(policy, R, C, promotionShareCents(ctx.promotions, eligible));
  const percent = Math.min(offer.percent, policy.maxPercent);
  const amount = Math.min(caps.percentOf(percent), offer.amountCents, caps.marginCapCents, ctx.remaining);
  const label =
    offer.reason === 'cart_recovery'
      ? `Your ${pct(percent)} recovery offer${expires ? `, expires ${when(expires)}` : ''}`
      : `Special offer: ${money(amount)} off`;
  return {
    line: {
      kind: 'offer',
      promotionId: null,
      code: null,
      label,
      amountCents: Math.max(0, amount),
      policyVersion: policyLabel('discount', offer.policyVersion),
      // Said only when a newer policy did the bounding (see DiscountLine.boundedByPolicyVersion).
      ...(published.version !== offer.policyVersion ? { boundedByPolicyVersion: published.label } : {}),
      offerId: offer.id,
    },
  };
}
