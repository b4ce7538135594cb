// Telemetry setup, called once per Node process from instrumentation.ts (and the worker).
// Traces: Next's request spans, tRPC/REST/decision/runner spans (tracing.ts) and Prisma's
// query spans. With OTEL_EXPORTER_OTLP_ENDPOINT set, traces and metrics go over OTLP/HTTP
// to a collector; otherwise metrics and the slowest traces are summarised in Postgres
// (telemetry_minutes, telemetry_slow_traces) for the console's health page.
import { metrics, trace } from '@opentelemetry/api';
import { OTLPMetricExporter } from '@opentelemetry/exporter-metrics-otlp-http';
import { OTLPTraceExporter } from '@opentelemetry/exporter-trace-otlp-http';
import { registerInstrumentations } from '@opentelemetry/instrumentation';
import { resourceFromAttributes } from '@opentelemetry/resources';
import { MeterProvider, PeriodicExportingMetricReader, type MetricReader } from '@opentelemetry/sdk-metrics';
import { BatchSpanProcessor, SimpleSpanProcessor, type SpanExporter, type SpanProcessor } from '@opentelemetry/sdk-trace-base';
import { NodeTracerProvider } from '@opentelemetry/sdk-trace-node';
import { PrismaInstrumentation } from '@prisma/instrumentation';
import type { Db } from '@/server/db/client';
import { newId } from '@/server/lib/ids';
import { logger } from './logger';
import { METRIC } from './metrics';
import { RequestIdSpanProcessor, RootSpanProcessor } from './span-processors';
import { SummaryMetricExporter } from './summary-store';

export type TelemetryOptions = {
  /** The database the summary is written to and queue gauges read (the app's client). */
  db: () => Db;
  env?: NodeJS.ProcessEnv;
  /** Tests: also hand every span to this exporter, synchronously. */
  spanExporter?: SpanExporter;
  /** Tests: read metrics with this reader instead of the periodic one. */
  metricReader?: MetricReader;
  /** Whether this process reports the runner's queue gauges (where a runner runs). */
  queueGauges?: boolean;
};

export type Telemetry = {
  mode: 'otlp' | 'database';
  tracerProvider: NodeTracerProvider;
  meterProvider: MeterProvider;
  rootSpans: RootSpanProcessor;
  flush: () => Promise<void>;
  shutdown: () => Promise<void>;
};

const state = globalThis as { __telemetry?: Telemetry };

export function currentTelemetry(): Telemetry | undefined {
  return state.__telemetry;
}

export function startTelemetry(opts: TelemetryOptions): Telemetry {
  if (state.__telemetry) return state.__telemetry;
  const env = opts.env ?? process.env;
  const otlp = Boolean(env.OTEL_EXPORTER_OTLP_ENDPOINT || env.OTEL_EXPORTER_OTLP_TRACES_ENDPOINT);
  const resource = resourceFromAttributes({
    'service.name': env.OTEL_SERVICE_NAME ?? 'commerce',
    'service.instance.id': newId('inst'),
  });

  const rootSpans = new RootSpanProcessor({ slowMs: Number(env.TELEMETRY_SLOW_MS ?? 500), keepSlow: !otlp });
  const spanProcessors: SpanProcessor[] = [new RequestIdSpanProcessor(), rootSpans];
  // The OTLP exporters read OTEL_EXPORTER_OTLP_ENDPOINT / _HEADERS themselves.
  if (otlp) spanProcessors.push(new BatchSpanProcessor(new OTLPTraceExporter()));
  if (opts.spanExporter) spanProcessors.push(new SimpleSpanProcessor(opts.spanExporter));
  const tracerProvider = new NodeTracerProvider({ resource, spanProcessors });
  // Registers the AsyncLocalStorage context manager and the W3C trace-context propagator.
  tracerProvider.register();

  const exportIntervalMillis = Number(env.OTEL_METRIC_EXPORT_INTERVAL ?? 15_000);
  const reader =
    opts.metricReader ??
    new PeriodicExportingMetricReader({
      exportIntervalMillis,
      exportTimeoutMillis: Math.min(10_000, exportIntervalMillis),
      exporter: otlp
        ? new OTLPMetricExporter()
        : new SummaryMetricExporter({
            db: opts.db,
            drainSlow: () => rootSpans.drainSlow(),
            retentionHours: Number(env.TELEMETRY_RETENTION_HOURS ?? 24),
            keepSlow: Number(env.TELEMETRY_SLOW_TRACES ?? 200),
            onError: (err) => logger.warn({ err }, 'telemetry summary not written'),
          }),
    });
  const meterProvider = new MeterProvider({ resource, readers: [reader] });
  metrics.setGlobalMeterProvider(meterProvider);
  if (opts.queueGauges) registerQueueGauges(meterProvider, opts.db);

  // Prisma 7 (query compiler + adapter-pg) reports operation and SQL spans through this.
  registerInstrumentations({ tracerProvider, meterProvider, instrumentations: [new PrismaInstrumentation()] });

  const telemetry: Telemetry = {
    mode: otlp ? 'otlp' : 'database',
    tracerProvider,
    meterProvider,
    rootSpans,
    async flush() {
      await tracerProvider.forceFlush();
      await meterProvider.forceFlush();
    },
    async shutdown() {
      await tracerProvider.shutdown().catch(() => undefined);
      await meterProvider.shutdown().catch(() => undefined);
      trace.disable();
      metrics.disable();
      state.__telemetry = undefined;
    },
  };
  state.__telemetry = telemetry;
  return telemetry;
}

/** Depth and age of the embedded runner's due work, read at each collection. */
function registerQueueGauges(meterProvider: MeterProvider, db: () => Db): void {
  const meter = meterProvider.getMeter('commerce');
  const depth = meter.createObservableGauge(METRIC.runnerQueueDepth, { description: 'Due jobs not yet claimed' });
  const age = meter.createObservableGauge(METRIC.runnerQueueOldestAge, { unit: 's', description: 'Age of the oldest due, unclaimed job' });
  const inboxPending = meter.createObservableGauge(METRIC.webhookInboxPending, { description: 'Payment webhooks stored but not yet applied' });
  const inboxLag = meter.createObservableGauge(METRIC.webhookInboxLag, { unit: 's', description: 'Age of the oldest unapplied payment webhook' });
  meter.addBatchObservableCallback(
    async (result) => {
      const rows = await db()
        .$queryRawUnsafe<{ n: number; age: number | null }[]>(
          `SELECT count(*)::int AS n, extract(epoch FROM now() - min(run_at))::float8 AS age
             FROM job_queue WHERE run_at <= now() AND (locked_until IS NULL OR locked_until < now())`,
        )
        .catch(() => null);
      if (rows?.[0]) {
        result.observe(depth, rows[0].n);
        result.observe(age, rows[0].age ?? 0);
      }
      // Payment webhooks acknowledged but not yet applied, and how long the oldest has waited.
      const inbox = await db()
        .$queryRawUnsafe<{ n: number; lag: number | null }[]>(
          `SELECT count(*)::int AS n, extract(epoch FROM now() - min(received_at))::float8 AS lag
             FROM payment_webhook_inbox WHERE processed_at IS NULL`,
        )
        .catch(() => null);
      if (inbox?.[0]) {
        result.observe(inboxPending, inbox[0].n);
        result.observe(inboxLag, inbox[0].lag ?? 0);
      }
    },
    [depth, age, inboxPending, inboxLag],
  );
}
