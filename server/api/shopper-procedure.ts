import { TRPCError } from '@trpc/server';
import { publicProcedure } from './init';

/**
 * A storefront procedure acting on the shopper's anonymous session (cart, checkout). The
 * proxy gives every visitor a session cookie, so a missing one is a client that skipped it.
 */
export const shopperProcedure = publicProcedure.use(({ ctx, next }) => {
  if (!ctx.sessionKey) {
    throw new TRPCError({ code: 'BAD_REQUEST', message: 'No shopper session: load the storefront first so a session cookie is set' });
  }
  return next({ ctx: { sessionKey: ctx.sessionKey } });
});
