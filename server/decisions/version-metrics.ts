// Serving health per model version, from the decision log: volume, latency percentiles,
// error rate by class and degraded share — over a window, and over time for the charts.
import type { Db } from '@/server/db/client';
import type { ModelKindName } from '@/server/modules/models/model-kinds';

export type VersionMetrics = {
  modelVersionId: string | null;
  modelVersion: string;
  decisions: number;
  errors: number;
  errorRate: number;
  timeouts: number;
  modelErrors: number;
  validationRejected: number;
  degradedShare: number;
  p50: number;
  p95: number;
  p99: number;
};

type Row = {
  model_version_id: string | null;
  model_version: string;
  n: number;
  timeouts: number;
  model_errors: number;
  validation: number;
  degraded: number;
  p50: number | null;
  p95: number | null;
  p99: number | null;
};

/** Per assigned version over [since, until): errors count against the version that failed. */
export async function versionMetrics(
  db: Db,
  kind: ModelKindName,
  window: { since: Date; until?: Date; modelVersionId?: string },
): Promise<VersionMetrics[]> {
  const until = window.until ?? new Date(Date.now() + 1000);
  const rows = await db.$queryRaw<Row[]>`
    SELECT model_version_id, model_version,
      count(*)::int AS n,
      (count(*) FILTER (WHERE error_class = 'timeout'))::int AS timeouts,
      (count(*) FILTER (WHERE error_class = 'model_error'))::int AS model_errors,
      (count(*) FILTER (WHERE error_class = 'validation'))::int AS validation,
      (count(*) FILTER (WHERE degraded))::int AS degraded,
      percentile_cont(0.5) WITHIN GROUP (ORDER BY latency_ms)::float8 AS p50,
      percentile_cont(0.95) WITHIN GROUP (ORDER BY latency_ms)::float8 AS p95,
      percentile_cont(0.99) WITHIN GROUP (ORDER BY latency_ms)::float8 AS p99
    FROM decision_logs
    WHERE kind = ${kind}::model_kind AND created_at >= ${window.since} AND created_at < ${until}
      AND (${window.modelVersionId ?? null}::text IS NULL OR model_version_id = ${window.modelVersionId ?? null})
    GROUP BY model_version_id, model_version
    ORDER BY model_version`;
  return rows.map((r) => {
    const errors = r.timeouts + r.model_errors;
    return {
      modelVersionId: r.model_version_id,
      modelVersion: r.model_version,
      decisions: r.n,
      errors,
      errorRate: r.n ? errors / r.n : 0,
      timeouts: r.timeouts,
      modelErrors: r.model_errors,
      validationRejected: r.validation,
      degradedShare: r.n ? r.degraded / r.n : 0,
      p50: round(r.p50),
      p95: round(r.p95),
      p99: round(r.p99),
    };
  });
}

export type MetricsPoint = {
  bucket: string;
  modelVersion: string;
  decisions: number;
  p50: number;
  p95: number;
  degradedShare: number;
  errorRate: number;
  /** Errors by class in the bucket: the version timed out, threw, or rejected the input. */
  timeouts: number;
  modelErrors: number;
  validationRejected: number;
};

/** The same measures per time bucket, for charts. */
export async function versionTimeseries(
  db: Db,
  kind: ModelKindName,
  opts: { since: Date; bucketMinutes: number; modelVersionId?: string },
): Promise<MetricsPoint[]> {
  const rows = await db.$queryRaw<
    {
      bucket: Date;
      model_version: string;
      n: number;
      p50: number | null;
      p95: number | null;
      degraded: number;
      errors: number;
      timeouts: number;
      model_errors: number;
      validation: number;
    }[]
  >`
    SELECT date_bin(make_interval(mins => ${opts.bucketMinutes}::int), created_at, TIMESTAMPTZ '2000-01-01') AS bucket,
      model_version,
      count(*)::int AS n,
      percentile_cont(0.5) WITHIN GROUP (ORDER BY latency_ms)::float8 AS p50,
      percentile_cont(0.95) WITHIN GROUP (ORDER BY latency_ms)::float8 AS p95,
      (count(*) FILTER (WHERE degraded))::int AS degraded,
      (count(*) FILTER (WHERE error_class IN ('timeout', 'model_error')))::int AS errors,
      (count(*) FILTER (WHERE error_class = 'timeout'))::int AS timeouts,
      (count(*) FILTER (WHERE error_class = 'model_error'))::int AS model_errors,
      (count(*) FILTER (WHERE error_class = 'validation'))::int AS validation
    FROM decision_logs
    WHERE kind = ${kind}::model_kind AND created_at >= ${opts.since}
      AND (${opts.modelVersionId ?? null}::text IS NULL OR model_version_id = ${opts.modelVersionId ?? null})
    GROUP BY 1, 2
    ORDER BY 1, 2`;
  return rows.map((r) => ({
    bucket: new Date(r.bucket).toISOString(),
    modelVersion: r.model_version,
    decisions: r.n,
    p50: round(r.p50),
    p95: round(r.p95),
    degradedShare: r.n ? r.degraded / r.n : 0,
    errorRate: r.n ? r.errors / r.n : 0,
    timeouts: r.timeouts,
    modelErrors: r.model_errors,
    validationRejected: r.validation,
  }));
}

/** Agreement of each shadow version with what was served. */
export async function shadowAgreement(db: Db, kind: ModelKindName, since: Date) {
  const rows = await db.$queryRaw<
    { model_version: string; n: number; failures: number; agreement: number | null; p95: number | null }[]
  >`
    SELECT model_version, count(*)::int AS n,
      (count(*) FILTER (WHERE error_class IS NOT NULL))::int AS failures,
      avg(agreement)::float8 AS agreement,
      percentile_cont(0.95) WITHIN GROUP (ORDER BY latency_ms)::float8 AS p95
    FROM decision_shadow_results
    WHERE kind = ${kind}::model_kind AND created_at >= ${since}
    GROUP BY model_version ORDER BY model_version`;
  return rows.map((r) => ({
    modelVersion: r.model_version,
    runs: r.n,
    failures: r.failures,
    agreement: r.agreement,
    p95: round(r.p95),
  }));
}

function round(x: number | null): number {
  return x === null ? 0 : Math.round(x * 100) / 100;
}
