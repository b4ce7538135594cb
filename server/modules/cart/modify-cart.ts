import { withTx, type Db } from '@/server/db/client';
import { ConflictError, InvalidError, NotFoundError } from '@/server/errors';
import { newId } from '@/server/lib/ids';
import { availableStock } from '@/server/modules/inventory/available-stock';
import {
  MAX_CART_LINES,
  MAX_LINE_QUANTITY,
  type AddItemInput,
  type ApplyCodeInput,
  type RemoveItemInput,
  type UpdateItemInput,
} from './cart.schema';
import { getCart, type CartView } from './get-cart';
import { resolveVariants } from './price-lines';

async function ensureCart(db: Db, sessionKey: string): Promise<string> {
  const row = await db.cart.upsert({
    where: { sessionKey },
    create: { id: newId('cart'), sessionKey },
    update: {},
    select: { id: true },
  });
  return row.id;
}

/** A soft check for a friendlier cart: placement is where stock is actually guaranteed. */
async function assertAvailable(db: Db, variantId: string, sku: string, quantity: number) {
  const available = (await availableStock(db, [variantId])).get(variantId) ?? 0;
  if (quantity > available) {
    throw new ConflictError(available === 0 ? `${sku} is out of stock` : `Only ${available} of ${sku} available`, {
      reason: 'out_of_stock',
      sku,
      available,
    });
  }
}

export async function addItem(db: Db, sessionKey: string, input: AddItemInput): Promise<CartView> {
  const [variant] = await resolveVariants(db, [input]);
  await withTx(db, async (tx) => {
    const cartId = await ensureCart(tx, sessionKey);
    const existing = await tx.cartLine.findUnique({ where: { cartId_variantId: { cartId, variantId: variant!.id } }, select: { quantity: true } });
    const quantity = (existing?.quantity ?? 0) + input.quantity;
    if (quantity > MAX_LINE_QUANTITY) throw new InvalidError(`quantity: at most ${MAX_LINE_QUANTITY} of one item per order`, { field: 'quantity' });
    if (!existing && (await tx.cartLine.count({ where: { cartId } })) >= MAX_CART_LINES) {
      throw new InvalidError(`A cart holds at most ${MAX_CART_LINES} different items`);
    }
    await assertAvailable(tx, variant!.id, variant!.sku, quantity);
    await tx.cartLine.upsert({
      where: { cartId_variantId: { cartId, variantId: variant!.id } },
      create: { id: newId('cl'), cartId, variantId: variant!.id, quantity },
      update: { quantity },
    });
  });
  return getCart(db, sessionKey);
}

export async function updateItem(db: Db, sessionKey: string, input: UpdateItemInput): Promise<CartView> {
  if (input.quantity === 0) return removeItem(db, sessionKey, input);
  const [variant] = await resolveVariants(db, [input]);
  const cart = await db.cart.findUnique({ where: { sessionKey }, select: { id: true } });
  const line = cart && (await db.cartLine.findUnique({ where: { cartId_variantId: { cartId: cart.id, variantId: variant!.id } } }));
  if (!cart || !line) throw new NotFoundError('cart line', variant!.sku);
  await assertAvailable(db, variant!.id, variant!.sku, input.quantity);
  await db.cartLine.update({ where: { id: line.id }, data: { quantity: input.quantity } });
  return getCart(db, sessionKey);
}

export async function removeItem(db: Db, sessionKey: string, input: RemoveItemInput): Promise<CartView> {
  const [variant] = await resolveVariants(db, [input]);
  const cart = await db.cart.findUnique({ where: { sessionKey }, select: { id: true } });
  if (cart) await db.cartLine.deleteMany({ where: { cartId: cart.id, variantId: variant!.id } });
  return getCart(db, sessionKey);
}

/** Stores the code on the cart; pricing says whether it applies (rejectedCode explains why not). */
export async function applyCode(db: Db, sessionKey: string, input: ApplyCodeInput): Promise<CartView> {
  const code = input.code ? input.code.toUpperCase() : null;
  await db.cart.upsert({
    where: { sessionKey },
    create: { id: newId('cart'), sessionKey, promoCode: code },
    update: { promoCode: code },
  });
  return getCart(db, sessionKey);
}

/** After an order is placed from it: the cart starts over empty. */
export async function clearCart(db: Db, sessionKey: string): Promise<void> {
  await db.cart.deleteMany({ where: { sessionKey } });
}
