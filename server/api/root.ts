import { createCallerFactory, createTRPCRouter } from './init';
import { auditRouter } from './routers/audit';
import { automationsRouter } from './routers/automations';
import { catalogRouter } from './routers/catalog';
import { experimentsRouter } from './routers/experiments';
import { modelsRouter } from './routers/models';
import { reviewsRouter } from './routers/reviews';
import { searchRouter } from './routers/search';
import { searchAdminRouter } from './routers/search-admin';

export const appRouter = createTRPCRouter({
  audit: auditRouter,
  automations: automationsRouter,
  catalog: catalogRouter,
  experiments: experimentsRouter,
  models: modelsRouter,
  reviews: reviewsRouter,
  search: searchRouter,
  searchAdmin: searchAdminRouter,
});

export type AppRouter = typeof appRouter;
export const createCaller = createCallerFactory(appRouter);
