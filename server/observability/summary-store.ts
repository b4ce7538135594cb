// The in-database telemetry summary (no collector needed on one machine): a metric exporter
// that adds each interval's deltas into per-minute rows, plus the slowest recent traces.
// Bounded: rows older than TELEMETRY_RETENTION_HOURS (default 24) and all but the last
// TELEMETRY_SLOW_TRACES (default 200) slow traces are deleted as it writes.
import { ExportResultCode, type ExportResult } from '@opentelemetry/core';
import {
  AggregationTemporality,
  DataPointType,
  type Histogram,
  type InstrumentType,
  type PushMetricExporter,
  type ResourceMetrics,
} from '@opentelemetry/sdk-metrics';
import type { Db } from '@/server/db/client';
import { newId } from '@/server/lib/ids';
import type { SlowTrace } from './span-processors';

export type SummaryRow = {
  minute: Date;
  metric: string;
  series: string;
  attributes: Record<string, unknown>;
  count: number;
  sum: number;
  buckets: number[];
  boundaries: number[];
  value: number | null;
};

const canonical = (attrs: Record<string, unknown>) =>
  JSON.stringify(Object.fromEntries(Object.entries(attrs).sort(([a], [b]) => a.localeCompare(b))));

const floorMinute = (d: Date) => new Date(Math.floor(d.getTime() / 60_000) * 60_000);

/** ResourceMetrics (delta temporality) → one row per (minute, metric, attribute set). */
export function toSummaryRows(rm: ResourceMetrics): SummaryRow[] {
  const rows: SummaryRow[] = [];
  for (const scope of rm.scopeMetrics) {
    for (const m of scope.metrics) {
      for (const p of m.dataPoints) {
        const attributes = p.attributes as Record<string, unknown>;
        const base = { minute: floorMinute(new Date(p.endTime[0] * 1000)), metric: m.descriptor.name, series: canonical(attributes), attributes };
        if (m.dataPointType === DataPointType.HISTOGRAM) {
          const h = p.value as Histogram;
          if (!h.count) continue;
          rows.push({ ...base, count: h.count, sum: h.sum ?? 0, buckets: h.buckets.counts, boundaries: h.buckets.boundaries, value: null });
        } else if (m.dataPointType === DataPointType.SUM) {
          const v = p.value as number;
          if (!v) continue;
          rows.push({ ...base, count: Math.round(v), sum: v, buckets: [], boundaries: [], value: null });
        } else if (m.dataPointType === DataPointType.GAUGE) {
          rows.push({ ...base, count: 0, sum: 0, buckets: [], boundaries: [], value: p.value as number });
        }
      }
    }
  }
  return rows;
}

/** Adds rows into the table; concurrent instances add into the same row (counts and buckets sum, gauges take the max). */
export async function writeSummaryRows(db: Db, rows: SummaryRow[]): Promise<void> {
  if (rows.length === 0) return;
  await db.$executeRawUnsafe(
    `INSERT INTO telemetry_minutes (minute, metric, series, attributes, count, sum, buckets, boundaries, value, updated_at)
     SELECT r.minute, r.metric, r.series, r.attributes, r.count, r.sum,
            ARRAY(SELECT jsonb_array_elements_text(r.buckets)::int), ARRAY(SELECT jsonb_array_elements_text(r.boundaries)::float8), r.value, now()
       FROM jsonb_to_recordset($1::jsonb) AS r(minute timestamptz, metric text, series text, attributes jsonb, count int, sum float8, buckets jsonb, boundaries jsonb, value float8)
     ON CONFLICT (minute, metric, series) DO UPDATE SET
       count = telemetry_minutes.count + EXCLUDED.count,
       sum = telemetry_minutes.sum + EXCLUDED.sum,
       buckets = CASE WHEN cardinality(telemetry_minutes.buckets) = cardinality(EXCLUDED.buckets)
                      THEN ARRAY(SELECT a + b FROM unnest(telemetry_minutes.buckets, EXCLUDED.buckets) AS t(a, b))
                      ELSE EXCLUDED.buckets END,
       boundaries = EXCLUDED.boundaries,
       value = GREATEST(telemetry_minutes.value, EXCLUDED.value),
       updated_at = now()`,
    JSON.stringify(rows),
  );
}

export async function writeSlowTraces(db: Db, traces: SlowTrace[], keep: number): Promise<void> {
  if (traces.length === 0) return;
  await db.telemetrySlowTrace.createMany({
    data: traces.map((t) => ({ id: newId('trc'), ...t, attributes: JSON.parse(JSON.stringify(t.attributes)) })),
  });
  await db.$executeRawUnsafe(
    `DELETE FROM telemetry_slow_traces WHERE id IN (SELECT id FROM telemetry_slow_traces ORDER BY started_at DESC OFFSET $1)`,
    keep,
  );
}

export async function pruneSummary(db: Db, retentionHours: number): Promise<void> {
  await db.$executeRawUnsafe(`DELETE FROM telemetry_minutes WHERE minute < now() - make_interval(hours => $1)`, retentionHours);
}

/** A PushMetricExporter writing to the summary tables; slow traces ride along on each export. */
export class SummaryMetricExporter implements PushMetricExporter {
  private exports = 0;
  constructor(
    private readonly opts: {
      db: () => Db;
      drainSlow?: () => SlowTrace[];
      retentionHours?: number;
      keepSlow?: number;
      onError?: (err: unknown) => void;
    },
  ) {}

  export(metrics: ResourceMetrics, done: (result: ExportResult) => void): void {
    void this.write(metrics).then(
      () => done({ code: ExportResultCode.SUCCESS }),
      (err: unknown) => {
        this.opts.onError?.(err);
        done({ code: ExportResultCode.FAILED, error: err instanceof Error ? err : new Error(String(err)) });
      },
    );
  }

  private async write(metrics: ResourceMetrics): Promise<void> {
    const db = this.opts.db();
    await writeSummaryRows(db, toSummaryRows(metrics));
    await writeSlowTraces(db, this.opts.drainSlow?.() ?? [], this.opts.keepSlow ?? 200);
    if (this.exports++ % 20 === 0) await pruneSummary(db, this.opts.retentionHours ?? 24);
  }

  selectAggregationTemporality(_type: InstrumentType): AggregationTemporality {
    return AggregationTemporality.DELTA;
  }
  forceFlush(): Promise<void> {
    return Promise.resolve();
  }
  shutdown(): Promise<void> {
    return Promise.resolve();
  }
}
