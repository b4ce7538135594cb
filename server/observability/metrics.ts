// The app's metrics (OpenTelemetry metrics API). Recording is cheap and works before or
// without a meter provider (no-op); sdk.ts decides where they go (OTLP, or the in-database
// summary the console's health page reads).
import { metrics, type Counter, type Histogram, type MeterProvider } from '@opentelemetry/api';

export const METRIC = {
  requestDuration: 'commerce.request.duration',
  requestErrors: 'commerce.request.errors',
  decisionDuration: 'commerce.decision.duration',
  runnerQueueDepth: 'commerce.runner.queue.depth',
  runnerQueueOldestAge: 'commerce.runner.queue.oldest_age',
  searchQueries: 'commerce.search.queries',
  webhookInboxPending: 'commerce.payments.webhook_inbox.pending',
  webhookInboxLag: 'commerce.payments.webhook_inbox.lag',
} as const;

/** Latency buckets in ms: fine below 100 ms where shoppers wait, coarse above. */
export const LATENCY_BOUNDARIES_MS = [5, 10, 25, 50, 100, 250, 500, 1000, 2500, 5000, 10000];

type Instruments = {
  requestDuration: Histogram;
  requestErrors: Counter;
  decisionDuration: Histogram;
  searchQueries: Counter;
};

let cached: { provider: MeterProvider; instruments: Instruments } | undefined;

// The global meter provider can be registered after modules load (instrumentation.ts, tests):
// instruments are (re)created against whichever provider is current.
function instruments(): Instruments {
  const provider = metrics.getMeterProvider();
  if (cached?.provider === provider) return cached.instruments;
  const meter = provider.getMeter('commerce');
  const advice = { explicitBucketBoundaries: LATENCY_BOUNDARIES_MS };
  const created: Instruments = {
    requestDuration: meter.createHistogram(METRIC.requestDuration, { unit: 'ms', description: 'Request / procedure latency', advice }),
    requestErrors: meter.createCounter(METRIC.requestErrors, { description: 'Requests / procedures that failed (5xx or unexpected error)' }),
    decisionDuration: meter.createHistogram(METRIC.decisionDuration, { unit: 'ms', description: 'Decision-seam latency per model version', advice }),
    searchQueries: meter.createCounter(METRIC.searchQueries, { description: 'Search queries, by whether they found nothing' }),
  };
  cached = { provider, instruments: created };
  return created;
}

export type RouteKind = 'http' | 'trpc' | 'rest' | 'runner';

/** One request, procedure or runner job: its latency, and whether it failed. */
export function recordRequest(kind: RouteKind, route: string, ms: number, ok: boolean): void {
  const i = instruments();
  i.requestDuration.record(ms, { kind, route, outcome: ok ? 'ok' : 'error' });
  if (!ok) i.requestErrors.add(1, { kind, route });
}

export function recordDecision(kind: string, modelVersion: string, ms: number, degraded: boolean): void {
  instruments().decisionDuration.record(ms, { kind, model_version: modelVersion, degraded });
}

export function recordSearchQuery(zeroResult: boolean): void {
  instruments().searchQueries.add(1, { zero_result: zeroResult });
}
