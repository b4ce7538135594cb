import { createCallerFactory, createTRPCRouter } from './init';
import { automationsRouter } from './routers/automations';
import { catalogRouter } from './routers/catalog';
import { experimentsRouter } from './routers/experiments';
import { modelsRouter } from './routers/models';
import { policiesRouter } from './routers/policies';
import { promotionsRouter } from './routers/promotions';
import { searchRouter } from './routers/search';
import { searchAdminRouter } from './routers/search-admin';

export const appRouter = createTRPCRouter({
  automations: automationsRouter,
  catalog: catalogRouter,
  experiments: experimentsRouter,
  models: modelsRouter,
  policies: policiesRouter,
  promotions: promotionsRouter,
  search: searchRouter,
  searchAdmin: searchAdminRouter,
});

export type AppRouter = typeof appRouter;
export const createCaller = createCallerFactory(appRouter);
