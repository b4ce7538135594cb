import { createCallerFactory, createTRPCRouter } from './init';
import { catalogRouter } from './routers/catalog';
import { searchRouter } from './routers/search';
import { searchAdminRouter } from './routers/search-admin';

export const appRouter = createTRPCRouter({
  catalog: catalogRouter,
  search: searchRouter,
  searchAdmin: searchAdminRouter,
});

export type AppRouter = typeof appRouter;
export const createCaller = createCallerFactory(appRouter);
