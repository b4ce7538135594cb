// Storefront cart: the session cookie names the cart; each procedure is schema + one call.
import { addItemInput, applyCodeInput, removeItemInput, updateItemInput } from '@/server/modules/cart/cart.schema';
import { announceCartAdd } from '@/server/modules/cart/announce-cart-add';
import { announceCartUpdated } from '@/server/modules/cart/announce-cart-updated';
import { getCart } from '@/server/modules/cart/get-cart';
import { addItem, applyCode, removeItem, updateItem } from '@/server/modules/cart/modify-cart';
import { createTRPCRouter, publicProcedure } from '../init';
import { shopperProcedure } from '../shopper-procedure';

const EMPTY_SESSION = 'v_00000000000000000000000000';

export const cartRouter = createTRPCRouter({
  // A visitor without a cookie yet simply has an empty cart.
  get: publicProcedure.query(({ ctx }) => getCart(ctx.db, ctx.sessionKey ?? EMPTY_SESSION)),
  add: shopperProcedure.input(addItemInput).mutation(async ({ ctx, input }) => {
    const cart = await addItem(ctx.db, ctx.sessionKey, input);
    await announceCartAdd(cart, input, ctx);
    await announceCartUpdated({ cartId: cart.cartId, sessionKey: ctx.sessionKey });
    return cart;
  }),
  update: shopperProcedure.input(updateItemInput).mutation(async ({ ctx, input }) => {
    const cart = await updateItem(ctx.db, ctx.sessionKey, input);
    await announceCartUpdated({ cartId: cart.cartId, sessionKey: ctx.sessionKey });
    return cart;
  }),
  remove: shopperProcedure.input(removeItemInput).mutation(async ({ ctx, input }) => {
    const cart = await removeItem(ctx.db, ctx.sessionKey, input);
    await announceCartUpdated({ cartId: cart.cartId, sessionKey: ctx.sessionKey });
    return cart;
  }),
  applyCode: shopperProcedure.input(applyCodeInput).mutation(({ ctx, input }) => applyCode(ctx.db, ctx.sessionKey, input)),
});
