// Orders and revenue per UTC day, for the console dashboard. Revenue counts orders whose
// payment was authorized or captured and not cancelled or refunded, net of partial refunds
// (integer cents).
import type { Db } from '@/server/db/client';

export type OrdersPerDay = { day: string; orders: number; revenueCents: number };

const REVENUE_STATUSES = ['authorized', 'paid', 'fulfilled'];
/** Orders a shopper completed (not abandoned at payment, not cancelled). */
const PLACED_STATUSES = ['authorized', 'paid', 'fulfilled', 'on_hold', 'in_review', 'refunded'];

export async function ordersPerDay(db: Db, opts: { days: number; now?: Date }): Promise<OrdersPerDay[]> {
  const now = opts.now ?? new Date();
  const start = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate() - (opts.days - 1)));
  const rows = await db.$queryRaw<{ day: Date; orders: number; revenue: bigint | null }[]>`
    SELECT date_trunc('day', created_at AT TIME ZONE 'UTC') AS day,
           count(*)::int AS orders,
           sum(total_cents - coalesce(rf.cents, 0)) FILTER (WHERE status::text = ANY(${REVENUE_STATUSES}::text[])) AS revenue
    FROM orders o
    LEFT JOIN LATERAL (SELECT sum(r.amount_cents) AS cents FROM order_refunds r WHERE r.order_id = o.id AND r.status = 'succeeded') rf ON true
    WHERE created_at >= ${start} AND created_at <= ${now} AND status::text = ANY(${PLACED_STATUSES}::text[])
    GROUP BY 1`;
  const byDay = new Map(rows.map((r) => [new Date(r.day).toISOString().slice(0, 10), r]));
  return Array.from({ length: opts.days }, (_, i) => {
    const day = new Date(start.getTime() + i * 86_400_000).toISOString().slice(0, 10);
    const r = byDay.get(day);
    return { day, orders: r?.orders ?? 0, revenueCents: Number(r?.revenue ?? 0) };
  });
}
