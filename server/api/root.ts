import { createCallerFactory, createTRPCRouter } from './init';
import { automationsRouter } from './routers/automations';
import { catalogRouter } from './routers/catalog';
import { experimentsRouter } from './routers/experiments';
import { modelsRouter } from './routers/models';
import { observabilityRouter } from './routers/observability';
import { searchRouter } from './routers/search';
import { searchAdminRouter } from './routers/search-admin';

export const appRouter = createTRPCRouter({
  automations: automationsRouter,
  catalog: catalogRouter,
  experiments: experimentsRouter,
  models: modelsRouter,
  observability: observabilityRouter,
  search: searchRouter,
  searchAdmin: searchAdminRouter,
});

export type AppRouter = typeof appRouter;
export const createCaller = createCallerFactory(appRouter);
