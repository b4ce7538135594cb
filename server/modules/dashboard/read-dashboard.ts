// The console Overview: each tile comes from the module that owns its data, and only the
// tiles the viewer has permission to read are computed (a tile they may not see is null).
import type { Db } from '@/server/db/client';
import type { Permission } from '@/server/modules/auth/permissions';
import { ordersPerDay } from '@/server/modules/checkout/order-stats';
import { activeSessionCount } from '@/server/modules/events/session-stats';
import { modelHealth } from '@/server/modules/models/model-health';
import { reviewQueueDepth } from '@/server/modules/reviews/queue-depth';
import { searchZeroResultRate } from '@/server/modules/search/search-health';
import { routeLatency } from '@/server/observability/route-latency';

const DAY_MS = 86_400_000;
export const SEARCH_ROUTES = ['search.query', 'GET /api/v1/search'];

export async function readDashboard(db: Db, permissions: readonly Permission[], now = new Date()) {
  const can = (p: Permission) => permissions.includes(p);
  const weekAgo = new Date(now.getTime() - 7 * DAY_MS);
  const dayAgo = new Date(now.getTime() - DAY_MS);
  const [days, sessions, search, latency, models, queue] = await Promise.all([
    can('order.read') ? ordersPerDay(db, { days: 7, now }) : null,
    can('order.read') ? activeSessionCount(db, weekAgo, now) : null,
    can('search.analytics.read') ? searchZeroResultRate(db, weekAgo, now) : null,
    can('search.analytics.read') ? routeLatency(db, SEARCH_ROUTES, dayAgo) : null,
    can('model.read') ? modelHealth(db) : null,
    can('review.read') ? reviewQueueDepth(db, now) : null,
  ]);
  const sum = (k: 'orders' | 'revenueCents') => (days ?? []).reduce((a, d) => a + d[k], 0);
  const today = days?.at(-1) ?? null;
  return {
    generatedAt: now,
    orders: days
      ? {
          today: { orders: today!.orders, revenueCents: today!.revenueCents },
          week: { orders: sum('orders'), revenueCents: sum('revenueCents') },
          perDay: days,
        }
      : null,
    conversion:
      days && sessions !== null
        ? { sessions, orders: sum('orders'), rate: sessions ? sum('orders') / sessions : null }
        : null,
    search: search && latency ? { ...search, p95Ms: latency.p95Ms, timedRequests: latency.requests } : null,
    models,
    queue,
  };
}
export type Dashboard = Awaited<ReturnType<typeof readDashboard>>;
