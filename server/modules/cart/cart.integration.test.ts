import { describe, expect, it } from 'vitest';
import { useTestDatabase } from '@/server/db/testing';
import { DomainError } from '@/server/errors';
import { makeVariant } from '@/server/modules/checkout/checkout.fixtures';
import { getCart } from './get-cart';
import { mergeCarts } from './merge-carts';
import { addItem, applyCode, removeItem, updateItem } from './modify-cart';

const getDb = useTestDatabase();
const session = (n: number) => `v_01JTESTSESSION0000000000${String(n).padStart(2, '0')}`;

async function rejects(p: Promise<unknown>) {
  return p.then(
    () => null,
    (e: unknown) => e as DomainError,
  );
}

describe('cart', () => {
  it('adds by variant id and SKU, updates and removes lines, with totals in cents', async () => {
    const db = getDb().prisma;
    const a = await makeVariant(db, { stock: 5, priceCents: 4_999 });
    const b = await makeVariant(db, { stock: 5, priceCents: 1_250 });
    await addItem(db, session(1), { variantId: a.variantId, quantity: 2 });
    await addItem(db, session(1), { sku: b.sku, quantity: 1 });
    let cart = await addItem(db, session(1), { sku: a.sku, quantity: 1 });
    expect(cart.lines.map((l) => [l.sku, l.quantity, l.lineTotalCents])).toEqual([
      [a.sku, 3, 14_997],
      [b.sku, 1, 1_250],
    ]);
    // 16,247 subtotal, 8% tax = 1,299.76 → 1,300, flat shipping 1,500 below $250.
    expect(cart).toMatchObject({ subtotalCents: 16_247, discountCents: 0, taxCents: 1_300, shippingCents: 1_500, totalCents: 19_047, itemCount: 4 });
    cart = await updateItem(db, session(1), { sku: a.sku, quantity: 1 });
    expect(cart.lines.find((l) => l.sku === a.sku)?.quantity).toBe(1);
    cart = await removeItem(db, session(1), { variantId: b.variantId });
    expect(cart.lines.map((l) => l.sku)).toEqual([a.sku]);
    cart = await updateItem(db, session(1), { sku: a.sku, quantity: 0 });
    expect(cart.lines).toEqual([]);
    expect(cart.totalCents).toBe(0);
  });

  it('re-reads prices from the catalog every time', async () => {
    const db = getDb().prisma;
    const v = await makeVariant(db, { stock: 3, priceCents: 1_000 });
    await addItem(db, session(2), { variantId: v.variantId, quantity: 2 });
    await db.productVariant.update({ where: { id: v.variantId }, data: { priceCents: 1_500 } });
    const cart = await getCart(db, session(2));
    expect(cart.subtotalCents).toBe(3_000);
  });

  it('refuses unknown SKUs (422), more than is available (409) and more than 99 of a line; writes nothing', async () => {
    const db = getDb().prisma;
    const v = await makeVariant(db, { stock: 2 });
    const unknown = await rejects(addItem(db, session(3), { sku: 'NO-SUCH-SKU', quantity: 1 }));
    expect(unknown?.code).toBe('INVALID');
    expect(unknown?.message).toBe('Unknown SKU NO-SUCH-SKU');
    const short = await rejects(addItem(db, session(3), { sku: v.sku, quantity: 3 }));
    expect(short?.code).toBe('CONFLICT');
    expect(short?.message).toBe(`Only 2 of ${v.sku} available`);
    expect(await db.cartLine.count({ where: { cart: { sessionKey: session(3) } } })).toBe(0);
  });

  it('stores a promo code (upper-cased) and clears it with null', async () => {
    const db = getDb().prisma;
    const cart = await applyCode(db, session(4), { code: 'spring10' });
    expect(cart.promoCode).toBe('SPRING10');
    expect((await applyCode(db, session(4), { code: null })).promoCode).toBeNull();
  });

  it('merges an anonymous cart into the customer cart on sign-in, summing quantities', async () => {
    const db = getDb().prisma;
    const a = await makeVariant(db, { stock: 10 });
    const b = await makeVariant(db, { stock: 10 });
    // First sign-in: the anonymous cart becomes the customer's.
    await addItem(db, session(5), { variantId: a.variantId, quantity: 2 });
    const customerCart = await mergeCarts(db, session(5), 'cus_1');
    expect(await db.cart.findUnique({ where: { customerId: 'cus_1' }, select: { id: true, sessionKey: true } })).toEqual({ id: customerCart, sessionKey: null });
    // Later, on another device: a second anonymous cart joins it.
    await addItem(db, session(6), { variantId: a.variantId, quantity: 3 });
    await addItem(db, session(6), { variantId: b.variantId, quantity: 1 });
    await applyCode(db, session(6), { code: 'WELCOME' });
    expect(await mergeCarts(db, session(6), 'cus_1')).toBe(customerCart);
    const lines = await db.cartLine.findMany({ where: { cartId: customerCart! }, select: { variantId: true, quantity: true } });
    expect(Object.fromEntries(lines.map((l) => [l.variantId, l.quantity]))).toEqual({ [a.variantId]: 5, [b.variantId]: 1 });
    expect((await db.cart.findUnique({ where: { id: customerCart! } }))?.promoCode).toBe('WELCOME');
    expect(await db.cart.count({ where: { sessionKey: session(6) } })).toBe(0);
    // Idempotent: nothing left to merge.
    expect(await mergeCarts(db, session(6), 'cus_1')).toBe(customerCart);
  });
});
