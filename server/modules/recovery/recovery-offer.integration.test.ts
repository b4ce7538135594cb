// The recovery email's offer, end to end on a real database: following the link attaches it
// to the cart, the cart shows the discount line, checkout redeems it once through pricing
// (its percent of what is eligible now, never above what was granted), the attempt still
// records the conversion, and a used or expired offer shows why it no longer applies.
import { beforeAll, describe, expect, it } from 'vitest';
import { useTestDatabase } from '@/server/db/testing';
import { newId } from '@/server/lib/ids';
import { newSessionKey } from '@/server/lib/session-key';
import { attachCartOffer } from '@/server/modules/cart/cart-offer';
import { getCart } from '@/server/modules/cart/get-cart';
import { addItem, updateItem } from '@/server/modules/cart/modify-cart';
import { address, ensureStoreDefaults, freshCard, freshIp, makeVariant } from '@/server/modules/checkout/checkout.fixtures';
import { placeOrder } from '@/server/modules/checkout/place-order';
import { offerPercentText } from '@/server/modules/pricing/price-cart';
import { proposeDiscountOffer } from '@/server/modules/pricing/propose-discount-offer';
import { assignRecoveryArm } from './assign-arm';
import { recordCheckoutCompleted } from './checkout-completed';
import { restoreRecoveredCart } from './recovery-link';
import { recoverySettingsSchema } from './recovery-settings';
import { rememberCheckoutContact } from './remember-contact';
import { sendRecoveryEmail } from './send-recovery-email';

const getDb = useTestDatabase();
const db = () => getDb().prisma;
const settings = recoverySettingsSchema.parse({ holdoutShare: 0, discount: true });
const HOUR = 3_600_000;

beforeAll(async () => {
  (globalThis as unknown as { prisma: unknown }).prisma = db();
  await ensureStoreDefaults(db());
});

/** A consented shopper's cart (2 × $125 chairs) that got the recovery email with an offer. */
async function recoveredCart(email: string) {
  const v = await makeVariant(db(), { stock: 20, priceCents: 12_500 });
  const sessionKey = newSessionKey();
  const cart = await addItem(db(), sessionKey, { variantId: v.variantId, quantity: 2 });
  await rememberCheckoutContact(db(), sessionKey, { email, marketingConsent: true });
  const a = await assignRecoveryArm(db(), cart.cartId!, settings);
  if (!a.assigned) throw new Error(`not assigned: ${a.reason}`);
  const sent = await sendRecoveryEmail(db(), a.attemptId, 'first', settings);
  if (!sent.sent || !sent.offer) throw new Error('no offer was made');
  const offer = await db().discountOffer.findUniqueOrThrow({ where: { id: sent.offer.id } });
  return { sessionKey, cartId: cart.cartId!, attemptId: a.attemptId, offer, variantId: v.variantId };
}

const checkout = (sessionKey: string, email: string) =>
  placeOrder(
    db(),
    { sessionKey, email, shippingAddress: address, paymentMethod: freshCard(), idempotencyKey: `rec-offer-${newId('k')}`, ipAddress: freshIp(), requestId: null },
    { publish: async () => undefined },
  );

describe('recovery offer at checkout', () => {
  it('is attached by the link, shown in the cart, applied once at checkout, and the conversion is still attributed', async () => {
    const c = await recoveredCart('comeback@example.com');
    expect(c.offer).toMatchObject({ status: 'offered', reason: 'cart_recovery' });
    // Before the link is followed the cart has no offer.
    expect((await getCart(db(), c.sessionKey)).discounts).toEqual([]);

    const restored = await restoreRecoveredCart(db(), c.attemptId);
    expect(restored).toMatchObject({ sessionKey: c.sessionKey, cartId: c.cartId, offerId: c.offer.id, offerAttached: true });
    const cart = await getCart(db(), c.sessionKey);
    expect(cart.discounts).toHaveLength(1);
    const line = cart.discounts[0]!;
    expect(line).toMatchObject({ kind: 'offer', offerId: c.offer.id, amountCents: c.offer.amountCents });
    expect(line.amountCents).toBe(Math.floor((25_000 * c.offer.percent) / 100));
    expect(line.label).toMatch(new RegExp(`^Your ${offerPercentText(c.offer.percent).replace('.', '\\.')}\\s% recovery offer, expires [A-Z][a-z]{2} \\d+, \\d\\d:\\d\\d UTC$`));
    expect(cart.discountCents).toBe(c.offer.amountCents);
    expect(cart.rejectedOffer).toBeNull();

    const placed = await checkout(c.sessionKey, 'comeback@example.com');
    expect(placed.outcome).toMatch(/placed|in_review/);
    expect(placed.order.discountCents).toBe(c.offer.amountCents);
    expect(placed.order.totalCents).toBe(placed.order.subtotalCents - c.offer.amountCents + placed.order.taxCents + placed.order.shippingCents);
    expect(await db().discountOffer.findUniqueOrThrow({ where: { id: c.offer.id } })).toMatchObject({ status: 'redeemed', orderId: placed.order.id });
    // The ordered cart is gone, and its offer row with it.
    expect(await db().cartOffer.count({ where: { cartId: c.cartId } })).toBe(0);

    // The experiment still counts the recovered order for the treated arm.
    const done = await recordCheckoutCompleted(db(), { sessionKey: c.sessionKey, orderId: placed.order.id, totalCents: placed.order.totalCents });
    expect(done).toEqual({ cartIds: [c.cartId], converted: 1 });
    expect(await db().cartRecoveryAttempt.findUniqueOrThrow({ where: { id: c.attemptId } })).toMatchObject({
      arm: 'treatment',
      convertedOrderId: placed.order.id,
      revenueCents: placed.order.totalCents,
      offerId: c.offer.id,
    });
    // The link of a converted attempt attaches nothing any more.
    expect(await restoreRecoveredCart(db(), c.attemptId)).toBeNull();

    // Single use: the same offer on another cart says it was used and takes nothing off.
    const again = await addItem(db(), c.sessionKey, { variantId: c.variantId, quantity: 1 });
    await attachCartOffer(db(), { cartId: again.cartId!, offerId: c.offer.id });
    const reused = await getCart(db(), c.sessionKey);
    expect(reused.discounts).toEqual([]);
    expect(reused.rejectedOffer).toEqual({ offerId: c.offer.id, reason: 'This offer has already been used' });
    const second = await checkout(c.sessionKey, 'comeback@example.com');
    expect(second.order.discountCents).toBe(0);
  });

  it("follows the cart: its percent of what is in the cart now, never more than was granted, and only for the offer's customer", async () => {
    const c = await recoveredCart('smaller@example.com');
    await restoreRecoveredCart(db(), c.attemptId);
    await updateItem(db(), c.sessionKey, { variantId: c.variantId, quantity: 1 });
    const smaller = await getCart(db(), c.sessionKey);
    expect(smaller.discounts[0]!.amountCents).toBe(Math.floor((12_500 * c.offer.percent) / 100));
    await updateItem(db(), c.sessionKey, { variantId: c.variantId, quantity: 5 });
    const bigger = await getCart(db(), c.sessionKey);
    expect(bigger.discounts[0]!.amountCents).toBe(c.offer.amountCents);

    // Checking out under another email: the offer is not theirs, the order is at full price.
    const placed = await checkout(c.sessionKey, 'someone-else@example.com');
    expect(placed.order.discountCents).toBe(0);
    expect((await db().discountOffer.findUniqueOrThrow({ where: { id: c.offer.id } })).status).toBe('offered');
  });

  it('shows an expired offer with its expiry and applies nothing', async () => {
    const v = await makeVariant(db(), { stock: 5, priceCents: 12_500 });
    const sessionKey = newSessionKey();
    const cart = await addItem(db(), sessionKey, { variantId: v.variantId, quantity: 2 });
    const made = await proposeDiscountOffer(db(), {
      subject: cart.cartId!,
      reason: 'cart_recovery',
      customerEmail: 'late@example.com',
      lines: cart.lines.map((l) => ({ variantId: l.variantId, productId: l.productId, categoryPath: l.categoryPath, unitPriceCents: l.unitPriceCents, quantity: l.quantity })),
      now: new Date(Date.now() - 49 * HOUR),
    });
    expect(made.offer).not.toBeNull();
    await attachCartOffer(db(), { cartId: cart.cartId!, offerId: made.offer!.id });
    const view = await getCart(db(), sessionKey);
    expect(view.discounts).toEqual([]);
    expect(view.discountCents).toBe(0);
    expect(view.rejectedOffer?.reason).toMatch(/^This offer expired on [A-Z][a-z]{2} \d+, \d\d:\d\d UTC$/);
    const placed = await checkout(sessionKey, 'late@example.com');
    expect(placed.order.discountCents).toBe(0);
  });
});
