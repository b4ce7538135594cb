import { createCallerFactory, createTRPCRouter } from './init';
import { catalogRouter } from './routers/catalog';

export const appRouter = createTRPCRouter({
  catalog: catalogRouter,
});

export type AppRouter = typeof appRouter;
export const createCaller = createCallerFactory(appRouter);
