// Shopper accounts on a real database: sign-up and sign-in (rate limited, no account
// enumeration), the anonymous cart merged into the shopper's on sign-in, the shopper's cart
// and history shared by every device they sign in on, and their orders on the account page.
import { beforeAll, describe, expect, it } from 'vitest';
import { ZodError } from 'zod';
import { useTestDatabase } from '@/server/db/testing';
import { DomainError } from '@/server/errors';
import { createTokenBucket } from '@/server/lib/rate-limit';
import { getCart } from '@/server/modules/cart/get-cart';
import { addItem } from '@/server/modules/cart/modify-cart';
import { makeVariant } from '@/server/modules/checkout/checkout.fixtures';
import { invalidateCatalog } from '@/server/modules/recommendations/catalog-snapshot';
import { recommendForHome } from '@/server/modules/recommendations/recommend';
import { logEvents, seedLivingRoom } from '@/server/modules/recommendations/recs.fixtures';
import { getAccount } from './account';
import { resolveShopper, revokeShopperSession } from './shopper-sessions';
import { signInShopper, signUpShopper } from './sign-in';

const getDb = useTestDatabase();
const db = () => getDb().prisma;
const device = (n: number) => `v_01JDEVICE00000000000000${String(n).padStart(2, '0')}`;
const client = (n: number) => ({ ip: `10.0.0.${n}`, userAgent: `device ${n}`, sessionKey: device(n) });
const PASSWORD = 'correct horse battery';

async function rejection(p: Promise<unknown>) {
  return p.then(
    () => null,
    (e: unknown) => e,
  );
}

let living: Record<string, string>;
beforeAll(async () => {
  living = await seedLivingRoom(db());
});

describe('shopper accounts', () => {
  it('signs up, keeping the anonymous cart, and refuses a taken email or a short password', async () => {
    const v = await makeVariant(db(), { stock: 9, priceCents: 2_500 });
    await addItem(db(), device(1), { variantId: v.variantId, quantity: 1 });
    const s = await signUpShopper(db(), { email: ' Ada@Example.com ', password: PASSWORD, name: 'Ada' }, client(1));
    expect(s.visitorKey).toMatch(/^v_[0-9A-Z]{26}$/);
    expect(s.visitorKey).not.toBe(device(1));
    // The device's cart is now the shopper's, served under their visitor key.
    expect((await getCart(db(), s.visitorKey)).lines.map((l) => [l.variantId, l.quantity])).toEqual([[v.variantId, 1]]);
    expect((await getCart(db(), device(1))).lines).toEqual([]);
    const who = await resolveShopper(db(), s.token);
    expect(who).toEqual({ id: s.shopperId, email: 'ada@example.com', name: 'Ada', visitorKey: s.visitorKey });

    const taken = (await rejection(signUpShopper(db(), { email: 'ada@example.com', password: PASSWORD }, client(2)))) as DomainError;
    expect(taken.code).toBe('CONFLICT');
    const short = await rejection(signUpShopper(db(), { email: 'bob@example.com', password: 'short' }, client(2)));
    expect(short).toBeInstanceOf(ZodError);
    expect((short as ZodError).issues[0]!.path).toEqual(['password']);
    expect(await db().shopper.count()).toBe(1);
  });

  it('merges a second device’s anonymous cart into the shopper’s on sign-in (mergeCarts)', async () => {
    const [a, b] = [await makeVariant(db(), { stock: 9 }), await makeVariant(db(), { stock: 9 })];
    const up = await signUpShopper(db(), { email: 'cy@example.com', password: PASSWORD }, { ...client(3), sessionKey: null });
    await addItem(db(), up.visitorKey, { variantId: a.variantId, quantity: 1 });
    // Another device, anonymous until it signs in.
    await addItem(db(), device(4), { variantId: a.variantId, quantity: 2 });
    await addItem(db(), device(4), { variantId: b.variantId, quantity: 1 });
    const s = await signInShopper(db(), { email: 'CY@example.com', password: PASSWORD }, client(4));
    expect(s.visitorKey).toBe(up.visitorKey);
    const cart = await getCart(db(), s.visitorKey);
    expect(cart.lines.map((l) => [l.variantId, l.quantity]).sort()).toEqual(
      [
        [a.variantId, 3],
        [b.variantId, 1],
      ].sort(),
    );
    expect(cart.cartId).toBe(s.cartId);
    expect((await getCart(db(), device(4))).lines).toEqual([]);
    // Signing in again (same device, already the shopper's key) changes nothing.
    const again = await signInShopper(db(), { email: 'cy@example.com', password: PASSWORD }, { ...client(4), sessionKey: s.visitorKey });
    expect(again.cartId).toBe(s.cartId);
    expect((await getCart(db(), s.visitorKey)).itemCount).toBe(4);
  });

  it('answers a wrong password and an unknown email alike, and rate-limits guessing', async () => {
    await signUpShopper(db(), { email: 'dee@example.com', password: PASSWORD }, client(5));
    const limiter = createTokenBucket({ capacity: 3, refillPerSec: 0 });
    const wrong = (await rejection(signInShopper(db(), { email: 'dee@example.com', password: 'nope' }, client(6), limiter))) as DomainError;
    const unknown = (await rejection(signInShopper(db(), { email: 'nobody@example.com', password: 'nope' }, client(6), limiter))) as DomainError;
    expect([wrong.code, unknown.code]).toEqual(['UNAUTHORIZED', 'UNAUTHORIZED']);
    expect(wrong.message).toBe(unknown.message);
    await rejection(signInShopper(db(), { email: 'dee@example.com', password: 'nope' }, client(6), limiter));
    const limited = (await rejection(signInShopper(db(), { email: 'dee@example.com', password: PASSWORD }, client(6), limiter))) as DomainError;
    expect(limited.code).toBe('RATE_LIMITED');
    // A revoked session resolves to nobody.
    const ok = await signInShopper(db(), { email: 'dee@example.com', password: PASSWORD }, client(7));
    expect(await resolveShopper(db(), ok.token)).not.toBeNull();
    await revokeShopperSession(db(), ok.token);
    expect(await resolveShopper(db(), ok.token)).toBeNull();
  });

  it('personalizes across devices: what the shopper viewed on one device drives the home page on another', async () => {
    invalidateCatalog(db());
    const phone = await signUpShopper(db(), { email: 'eve@example.com', password: PASSWORD }, client(8));
    const t = Date.now() - 60_000;
    // Viewed on the phone while signed in: the events carry the shopper's visitor key.
    await logEvents(db(), [
      [phone.visitorKey, 'shopper/page.viewed', living['sofa-cleo']!, t],
      [phone.visitorKey, 'shopper/page.viewed', living['sofa-dora']!, t + 1000],
    ]);
    const laptop = await signInShopper(db(), { email: 'eve@example.com', password: PASSWORD }, client(9));
    const home = await recommendForHome(db(), { limit: 6 }, { sessionKey: laptop.visitorKey, requestId: 'req_laptop' });
    expect(home.personalized).toBe(true);
    expect(home.sections[0]!.id).toBe('recently-viewed');
    expect(home.sections.find((s) => s.id === 'because-you-viewed')?.title).toBe('Because you viewed Dora Velvet Sofa');
    // The laptop's own anonymous key before sign-in knows nothing.
    const anon = await recommendForHome(db(), { limit: 6 }, { sessionKey: device(9), requestId: 'req_anon' });
    expect(anon.sections.map((s) => s.id)).not.toContain('because-you-viewed');
  });

  it('lists the orders placed under the shopper’s key on the account page', async () => {
    const s = await signUpShopper(db(), { email: 'fay@example.com', password: PASSWORD }, client(10));
    const shopper = (await resolveShopper(db(), s.token))!;
    expect((await getAccount(db(), shopper)).orders).toEqual([]);
    const v = await makeVariant(db(), { stock: 5, priceCents: 1_000 });
    const customer = await db().customer.create({ data: { id: 'cus_fay', email: 'fay@example.com' } });
    await db().order.create({
      data: {
        id: 'ord_fay_1',
        sessionKey: s.visitorKey,
        customerId: customer.id,
        email: 'fay@example.com',
        subtotalCents: 2_000,
        discountCents: 0,
        taxCents: 160,
        shippingCents: 1_500,
        totalCents: 3_660,
        shippingAddress: {},
        lines: {
          create: [{ id: 'ol_fay_1', variantId: v.variantId, productId: v.productId, sku: v.sku, title: 'Thing', unitPriceCents: 1_000, quantity: 2, lineTotalCents: 2_000 }],
        },
      },
    });
    // Someone else's order with the same email but placed as a guest elsewhere is not theirs to see.
    await db().order.create({
      data: {
        id: 'ord_guest_1',
        sessionKey: device(11),
        customerId: customer.id,
        email: 'fay@example.com',
        subtotalCents: 100,
        discountCents: 0,
        taxCents: 0,
        shippingCents: 0,
        totalCents: 100,
        shippingAddress: {},
      },
    });
    const account = await getAccount(db(), shopper);
    expect(account.orders.map((o) => [o.id, o.totalCents, o.items])).toEqual([['ord_fay_1', 3_660, 2]]);
  });
});
