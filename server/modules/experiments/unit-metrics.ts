// Per-arm (and per-exposure-day) sufficient statistics of per-unit metrics, joined through
// exposures by session key: exposure.unit_key is the pseudonymous subject key decide() used,
// which for search and checkout is the shopper's session key (search_events.session_key,
// orders.session_key). Only what a unit did after its first exposure counts: what a session
// did before it saw its arm is not the arm's effect. What it did before the experiment
// started is its pre-period, the CUPED covariate.
//
// Orders count when they reached payment (authorized, paid, fulfilled or later refunded):
// revenue is their gross total in cents; refunds are a separate metric (refund rate), counted
// by amount: a partial refund adds its share of the order's total (order_refunds).
// Sums come back as float8: squared cents over many units overflow bigint.
import type { Db } from '@/server/db/client';

export type SumSq = { sum: number; sumSq: number };

export type OrderAggregates = {
  /** Units with at least one paid/authorized order. */
  converters: number;
  /** Per-unit order counts, revenue (cents) and refunded order counts. */
  orders: SumSq;
  revenue: SumSq;
  refunded: SumSq;
  /** Σ revenue·orders and Σ refunded·orders (delta-method covariances for AOV, refund rate). */
  revenueOrdersCross: number;
  refundedOrdersCross: number;
  /** Pre-period (before the experiment started) revenue and activity per unit, for CUPED. */
  preRevenue: SumSq;
  preEvents: SumSq;
  revenuePreRevenueCross: number;
  convertedPreEventsCross: number;
};

export type ArmUnitAggregates = {
  arm: string;
  units: number;
  /** Units with at least one click / add-to-cart (binary per-unit metrics). */
  clickers: number;
  carters: number;
  /** Ratio metric parts for zero-result rate: per-unit sums of zero-result queries and queries. */
  queries: SumSq;
  zeroQueries: SumSq;
  queriesZeroCross: number;
  /** Absent when no order source is wired (pure tests); present (maybe all zero) from the database. */
  orders?: OrderAggregates;
};

export type DailyArmAggregates = ArmUnitAggregates & { day: string };

type Row = {
  arm: string;
  day: Date | null;
  units: number;
  clickers: number;
  carters: number;
  q_sum: number;
  q_sq: number;
  z_sum: number;
  z_sq: number;
  qz: number;
  converters: number;
  o_sum: number;
  o_sq: number;
  r_sum: number;
  r_sq: number;
  f_sum: number;
  f_sq: number;
  ro: number;
  fo: number;
  pr_sum: number;
  pr_sq: number;
  pe_sum: number;
  pe_sq: number;
  r_pr: number;
  c_pe: number;
};

const PAID = ['authorized', 'paid', 'fulfilled', 'refunded'];

async function query(db: Db, experimentId: string, byDay: boolean): Promise<Row[]> {
  // Each source is aggregated per unit in its own CTE (hash joins on the session key; a
  // lateral subquery per unit would scan search_events once per unit), then left-joined to
  // the exposures, so sources never multiply each other's rows.
  return db.$queryRaw<Row[]>`
    WITH e AS (SELECT coalesce(started_at, created_at) AS started_at FROM experiments WHERE id = ${experimentId}),
    x AS (SELECT arm, unit_key, exposed_at FROM experiment_exposures WHERE experiment_id = ${experimentId}),
    s AS (
      SELECT x.unit_key,
             count(*) FILTER (WHERE s.type = 'query') AS q,
             count(*) FILTER (WHERE s.type = 'query' AND s.zero_result) AS z,
             bool_or(s.type = 'click') AS clicked,
             bool_or(s.type = 'add_to_cart') AS carted
      FROM x JOIN search_events s ON s.session_key = x.unit_key AND s.created_at >= x.exposed_at
      GROUP BY x.unit_key
    ),
    o AS (
      -- Refunds count by amount: a fully refunded order is 1, a partial refund its share of the total.
      SELECT x.unit_key, count(*) AS n, sum(o.total_cents) AS revenue,
             sum(CASE WHEN o.status = 'refunded' THEN 1
                      ELSE LEAST(1, coalesce(rf.cents::float8 / NULLIF(o.total_cents, 0), 0)) END) AS refunded
      FROM x JOIN orders o ON o.session_key = x.unit_key AND o.created_at >= x.exposed_at AND o.status::text = ANY(${PAID})
      LEFT JOIN LATERAL (
        SELECT sum(r.amount_cents) AS cents FROM order_refunds r WHERE r.order_id = o.id AND r.status = 'succeeded'
      ) rf ON true
      GROUP BY x.unit_key
    ),
    po AS (
      SELECT x.unit_key, count(*) AS orders, sum(o.total_cents) AS revenue
      FROM x CROSS JOIN e JOIN orders o ON o.session_key = x.unit_key AND o.created_at < e.started_at AND o.status::text = ANY(${PAID})
      GROUP BY x.unit_key
    ),
    ps AS (
      SELECT x.unit_key, count(*) AS events
      FROM x CROSS JOIN e JOIN search_events s ON s.session_key = x.unit_key AND s.created_at < e.started_at
      GROUP BY x.unit_key
    ),
    per_unit AS (
      SELECT x.arm, CASE WHEN ${byDay} THEN date_trunc('day', x.exposed_at AT TIME ZONE 'UTC') END AS day,
             coalesce(s.q, 0)::float8 AS q, coalesce(s.z, 0)::float8 AS z,
             coalesce(s.clicked, false) AS clicked, coalesce(s.carted, false) AS carted,
             coalesce(o.n, 0)::float8 AS o, coalesce(o.revenue, 0)::float8 AS r, coalesce(o.refunded, 0)::float8 AS f,
             coalesce(po.revenue, 0)::float8 AS pr,
             (coalesce(po.orders, 0) + coalesce(ps.events, 0))::float8 AS pe
      FROM x
      LEFT JOIN s ON s.unit_key = x.unit_key
      LEFT JOIN o ON o.unit_key = x.unit_key
      LEFT JOIN po ON po.unit_key = x.unit_key
      LEFT JOIN ps ON ps.unit_key = x.unit_key
    )
    SELECT arm, day, count(*)::float8 AS units,
           count(*) FILTER (WHERE clicked)::float8 AS clickers,
           count(*) FILTER (WHERE carted)::float8 AS carters,
           sum(q) AS q_sum, sum(q * q) AS q_sq, sum(z) AS z_sum, sum(z * z) AS z_sq, sum(q * z) AS qz,
           count(*) FILTER (WHERE o > 0)::float8 AS converters,
           sum(o) AS o_sum, sum(o * o) AS o_sq, sum(r) AS r_sum, sum(r * r) AS r_sq, sum(f) AS f_sum, sum(f * f) AS f_sq,
           sum(r * o) AS ro, sum(f * o) AS fo,
           sum(pr) AS pr_sum, sum(pr * pr) AS pr_sq, sum(pe) AS pe_sum, sum(pe * pe) AS pe_sq,
           sum(r * pr) AS r_pr, sum(CASE WHEN o > 0 THEN pe ELSE 0 END) AS c_pe
    FROM per_unit GROUP BY arm, day ORDER BY day NULLS FIRST, arm`;
}

const toAggregates = (r: Row): ArmUnitAggregates => ({
  arm: r.arm,
  units: r.units,
  clickers: r.clickers,
  carters: r.carters,
  queries: { sum: r.q_sum, sumSq: r.q_sq },
  zeroQueries: { sum: r.z_sum, sumSq: r.z_sq },
  queriesZeroCross: r.qz,
  orders: {
    converters: r.converters,
    orders: { sum: r.o_sum, sumSq: r.o_sq },
    revenue: { sum: r.r_sum, sumSq: r.r_sq },
    refunded: { sum: r.f_sum, sumSq: r.f_sq },
    revenueOrdersCross: r.ro,
    refundedOrdersCross: r.fo,
    preRevenue: { sum: r.pr_sum, sumSq: r.pr_sq },
    preEvents: { sum: r.pe_sum, sumSq: r.pe_sq },
    revenuePreRevenueCross: r.r_pr,
    convertedPreEventsCross: r.c_pe,
  },
});

export async function armAggregates(db: Db, experimentId: string): Promise<ArmUnitAggregates[]> {
  return (await query(db, experimentId, false)).map(toAggregates);
}

/** The same statistics per arm for the units first exposed on each UTC day. */
export async function dailyArmAggregates(db: Db, experimentId: string): Promise<DailyArmAggregates[]> {
  return (await query(db, experimentId, true)).map((r) => ({
    ...toAggregates(r),
    day: r.day!.toISOString().slice(0, 10),
  }));
}

const addSq = (a: SumSq, b: SumSq): SumSq => ({ sum: a.sum + b.sum, sumSq: a.sumSq + b.sumSq });

/** Sum of aggregates of disjoint sets of units of one arm (e.g. days up to a date). */
export function addAggregates(a: ArmUnitAggregates, b: ArmUnitAggregates): ArmUnitAggregates {
  const orders =
    a.orders && b.orders
      ? {
          converters: a.orders.converters + b.orders.converters,
          orders: addSq(a.orders.orders, b.orders.orders),
          revenue: addSq(a.orders.revenue, b.orders.revenue),
          refunded: addSq(a.orders.refunded, b.orders.refunded),
          revenueOrdersCross: a.orders.revenueOrdersCross + b.orders.revenueOrdersCross,
          refundedOrdersCross: a.orders.refundedOrdersCross + b.orders.refundedOrdersCross,
          preRevenue: addSq(a.orders.preRevenue, b.orders.preRevenue),
          preEvents: addSq(a.orders.preEvents, b.orders.preEvents),
          revenuePreRevenueCross: a.orders.revenuePreRevenueCross + b.orders.revenuePreRevenueCross,
          convertedPreEventsCross: a.orders.convertedPreEventsCross + b.orders.convertedPreEventsCross,
        }
      : (a.orders ?? b.orders);
  return {
    arm: a.arm,
    units: a.units + b.units,
    clickers: a.clickers + b.clickers,
    carters: a.carters + b.carters,
    queries: addSq(a.queries, b.queries),
    zeroQueries: addSq(a.zeroQueries, b.zeroQueries),
    queriesZeroCross: a.queriesZeroCross + b.queriesZeroCross,
    ...(orders ? { orders } : {}),
  };
}

export const emptyAggregates = (arm: string): ArmUnitAggregates => ({
  arm,
  units: 0,
  clickers: 0,
  carters: 0,
  queries: { sum: 0, sumSq: 0 },
  zeroQueries: { sum: 0, sumSq: 0 },
  queriesZeroCross: 0,
});

type LatencyRow = { arm: string; p95: number | null; decisions: number };

/** p95 latency (ms) of the decisions served to each arm's units after exposure. */
export async function armLatencyP95(db: Db, experimentId: string): Promise<Record<string, { p95: number | null; decisions: number }>> {
  const rows = await db.$queryRaw<LatencyRow[]>`
    SELECT x.arm,
           percentile_cont(0.95) WITHIN GROUP (ORDER BY d.latency_ms)::float8 AS p95,
           count(d.id)::float8 AS decisions
    FROM experiment_exposures x
    JOIN experiments e ON e.id = x.experiment_id
    -- (kind, created_at) index: only the experiment's lifetime is read.
    JOIN decision_logs d ON d.kind = e.kind AND d.created_at >= coalesce(e.started_at, e.created_at) - interval '5 seconds'
                        AND d.subject_key = x.unit_key AND d.arm = 'experiment'
                        AND d.created_at >= x.exposed_at - interval '5 seconds'
    WHERE x.experiment_id = ${experimentId}
    GROUP BY x.arm`;
  return Object.fromEntries(rows.map((r) => [r.arm, { p95: r.p95, decisions: r.decisions }]));
}
