// Per-arm, per-unit aggregates from the event log, joined through exposures by session key
// (exposure.unit_key is the pseudonymous subject key decide() used, which for search is the
// session key search_events carry). Only events after the unit's first exposure count: what
// a session did before it saw its arm is not the arm's effect.
//
// Orders do not exist yet (no checkout issue has landed), so conversion, revenue per visitor
// and AOV come from an OrderMetricsSource the checkout module will provide; until then the
// default source returns nothing and the results page says those metrics are unavailable.
import type { Db } from '@/server/db/client';

export type ArmUnitAggregates = {
  arm: string;
  units: number;
  /** Units with at least one click / add-to-cart (binary per-unit metrics). */
  clickers: number;
  carters: number;
  /** Ratio metric parts for zero-result rate: per-unit sums of zero-result queries and queries. */
  queries: { sum: number; sumSq: number };
  zeroQueries: { sum: number; sumSq: number };
  queriesZeroCross: number;
};

type Row = {
  arm: string;
  units: bigint;
  clickers: bigint;
  carters: bigint;
  q_sum: bigint;
  q_sq: bigint;
  z_sum: bigint;
  z_sq: bigint;
  qz: bigint;
};

export async function armAggregates(db: Db, experimentId: string): Promise<ArmUnitAggregates[]> {
  const rows = await db.$queryRaw<Row[]>`
    WITH per_unit AS (
      SELECT x.arm, x.unit_key,
             count(*) FILTER (WHERE s.type = 'query') AS q,
             count(*) FILTER (WHERE s.type = 'query' AND s.zero_result) AS z,
             bool_or(s.type = 'click') AS clicked,
             bool_or(s.type = 'add_to_cart') AS carted
      FROM experiment_exposures x
      LEFT JOIN search_events s ON s.session_key = x.unit_key AND s.created_at >= x.exposed_at
      WHERE x.experiment_id = ${experimentId}
      GROUP BY x.arm, x.unit_key
    )
    SELECT arm, count(*) AS units,
           count(*) FILTER (WHERE clicked) AS clickers,
           count(*) FILTER (WHERE carted) AS carters,
           coalesce(sum(q), 0)::bigint AS q_sum, coalesce(sum(q * q), 0)::bigint AS q_sq,
           coalesce(sum(z), 0)::bigint AS z_sum, coalesce(sum(z * z), 0)::bigint AS z_sq,
           coalesce(sum(q * z), 0)::bigint AS qz
    FROM per_unit GROUP BY arm`;
  return rows.map((r) => ({
    arm: r.arm,
    units: Number(r.units),
    clickers: Number(r.clickers),
    carters: Number(r.carters),
    queries: { sum: Number(r.q_sum), sumSq: Number(r.q_sq) },
    zeroQueries: { sum: Number(r.z_sum), sumSq: Number(r.z_sq) },
    queriesZeroCross: Number(r.qz),
  }));
}

export type OrderMetrics = { arm: string; converters: number; revenueCents: { sum: number; sumSq: number } };
export type OrderMetricsSource = (db: Db, experimentId: string) => Promise<OrderMetrics[] | null>;

/** No orders yet: conversion, revenue per visitor and AOV are reported as unavailable. */
export const noOrders: OrderMetricsSource = async () => null;
