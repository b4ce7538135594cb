import { createCallerFactory, createTRPCRouter } from './init';
import { automationsRouter } from './routers/automations';
import { cartRouter } from './routers/cart';
import { catalogRouter } from './routers/catalog';
import { checkoutRouter } from './routers/checkout';
import { experimentsRouter } from './routers/experiments';
import { modelsRouter } from './routers/models';
import { ordersRouter } from './routers/orders';
import { searchRouter } from './routers/search';
import { searchAdminRouter } from './routers/search-admin';

export const appRouter = createTRPCRouter({
  automations: automationsRouter,
  cart: cartRouter,
  catalog: catalogRouter,
  checkout: checkoutRouter,
  experiments: experimentsRouter,
  models: modelsRouter,
  orders: ordersRouter,
  search: searchRouter,
  searchAdmin: searchAdminRouter,
});

export type AppRouter = typeof appRouter;
export const createCaller = createCallerFactory(appRouter);
