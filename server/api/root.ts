import { createCallerFactory, createTRPCRouter } from './init';
import { auditRouter } from './routers/audit';
import { automationsRouter } from './routers/automations';
import { cartRouter } from './routers/cart';
import { catalogRouter } from './routers/catalog';
import { checkoutRouter } from './routers/checkout';
import { experimentsRouter } from './routers/experiments';
import { modelsRouter } from './routers/models';
import { recsRouter } from './routers/recs';
import { observabilityRouter } from './routers/observability';
import { reviewsRouter } from './routers/reviews';
import { ordersRouter } from './routers/orders';
import { paymentsRouter } from './routers/payments';
import { policiesRouter } from './routers/policies';
import { promotionsRouter } from './routers/promotions';
import { searchRouter } from './routers/search';
import { searchAdminRouter } from './routers/search-admin';
import { teamRouter } from './routers/team';
import { apiKeysRouter } from './routers/api-keys';
import { settingsRouter } from './routers/settings';
import { privacyRouter } from './routers/privacy';
import { mailRouter } from './routers/mail';
import { recoveryRouter } from './routers/recovery';
import { webhooksRouter } from './routers/webhooks';
import { refundsRouter } from './routers/refunds';
import { appealsRouter } from './routers/appeals';
import { backordersRouter } from './routers/backorders';

export const appRouter = createTRPCRouter({
  audit: auditRouter,
  automations: automationsRouter,
  cart: cartRouter,
  catalog: catalogRouter,
  checkout: checkoutRouter,
  experiments: experimentsRouter,
  models: modelsRouter,
  recs: recsRouter,
  observability: observabilityRouter,
  reviews: reviewsRouter,
  orders: ordersRouter,
  payments: paymentsRouter,
  policies: policiesRouter,
  promotions: promotionsRouter,
  search: searchRouter,
  searchAdmin: searchAdminRouter,
  team: teamRouter,
  apiKeys: apiKeysRouter,
  settings: settingsRouter,
  privacy: privacyRouter,
  mail: mailRouter,
  recovery: recoveryRouter,
  webhooks: webhooksRouter,
  refunds: refundsRouter,
  appeals: appealsRouter,
  backorders: backordersRouter,
});

export type AppRouter = typeof appRouter;
export const createCaller = createCallerFactory(appRouter);
