// Telemetry on a real database: spans for a tRPC procedure (with Prisma's query spans under
// it), the decision seam and a runner step that continues the sender's trace through an
// event; no personal data in attributes; metrics summarised into telemetry_minutes.
import { InMemorySpanExporter, type ReadableSpan } from '@opentelemetry/sdk-trace-base';
import { Inngest } from 'inngest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createRunner } from '@/inngest/runner/driver';
import { embeddedFetch, setEventStoreDb } from '@/inngest/runner/event-store';
import { createContext } from '@/server/api/init';
import { createCaller } from '@/server/api/root';
import { decide } from '@/server/decisions/decide';
import { flushDecisionLog } from '@/server/decisions/decision-log';
import { useTestDatabase } from '@/server/db/testing';
import { invalidateServingCache } from '@/server/modules/models/serving-versions';
import { METRIC, recordSearchQuery } from './metrics';
import { startTelemetry, type Telemetry } from './sdk';
import { TRACE_KEY, withSpan, withTraceOnEvent } from './tracing';
import { withRequestId } from './request-context';

const getDb = useTestDatabase();
const exporter = new InMemorySpanExporter();
let telemetry: Telemetry;

const client = new Inngest({ id: 'telemetry-test', isDev: true, fetch: embeddedFetch });
const fn = client.createFunction({ id: 'traced', triggers: [{ event: 'test/traced' }] }, async ({ step }) => {
  await step.run('look-up', () => getDb().prisma.$queryRawUnsafe('SELECT 1'));
  return 'ok';
});

beforeAll(() => {
  invalidateServingCache();
  telemetry = startTelemetry({ db: () => getDb().prisma, spanExporter: exporter, env: { NODE_ENV: 'test', OTEL_METRIC_EXPORT_INTERVAL: '600000' }, queueGauges: true });
});
afterAll(async () => {
  setEventStoreDb(undefined);
  await telemetry.shutdown();
});

const spans = () => exporter.getFinishedSpans();
const named = (prefix: string) => spans().filter((s) => s.name.startsWith(prefix));
const parentOf = (s: ReadableSpan) => spans().find((p) => p.spanContext().spanId === s.parentSpanContext?.spanId);

describe('tracing', () => {
  it('gives a tRPC procedure a span with the request id, and Prisma query spans beneath it', async () => {
    exporter.reset();
    const caller = createCaller(createContext({ headers: new Headers({ 'x-request-id': 'req_telemetry_0001' }), db: getDb().prisma }));
    await caller.catalog.list({ limit: 5 });
    const [proc] = named('trpc catalog.list');
    expect(proc).toBeDefined();
    expect(proc!.attributes).toMatchObject({ 'rpc.system': 'trpc', 'rpc.method': 'catalog.list', 'request.id': 'req_telemetry_0001' });
    const prisma = spans().filter((s) => s.name.startsWith('prisma:') && s.spanContext().traceId === proc!.spanContext().traceId);
    expect(prisma.length).toBeGreaterThan(0);
    // Every span of the request carries its id (set from the request scope at start).
    for (const s of prisma) expect(s.attributes['request.id']).toBe('req_telemetry_0001');
  });

  it('records a decision span with kind, versions, degraded and latency, but not the subject', async () => {
    exporter.reset();
    await withRequestId('req_telemetry_0002', () =>
      decide(getDb().prisma, 'risk_score', 'shopper@example.com', { cartCents: 12_000 }, { requestId: 'req_telemetry_0002', policyVersion: 'pol@3' }),
    );
    await flushDecisionLog();
    const [span] = named('decision risk_score');
    expect(span!.attributes).toMatchObject({
      'decision.kind': 'risk_score',
      'decision.model_version': 'risk_score@builtin',
      'decision.policy_version': 'pol@3',
      'decision.degraded': false,
      'request.id': 'req_telemetry_0002',
    });
    expect(Number(span!.attributes['decision.latency_ms'])).toBeGreaterThanOrEqual(0);
    expect(JSON.stringify(spans().map((s) => s.attributes))).not.toContain('shopper@example.com');
  });

  it('continues the sender’s trace in the runner: one flow, one trace, same request id', async () => {
    exporter.reset();
    setEventStoreDb(getDb().prisma);
    const runner = createRunner({ db: getDb().prisma, client, functions: [fn], log: () => undefined });
    const traceId = await withRequestId('req_telemetry_0003', () =>
      withSpan('checkout.test', {}, async (span) => {
        await client.send(withTraceOnEvent({ name: 'test/traced', data: { orderId: 'ord_1' } }));
        return span.spanContext().traceId;
      }),
    );
    const stored = await getDb().prisma.$queryRawUnsafe<{ data: Record<string, { traceparent: string }> }[]>(`SELECT data FROM events WHERE name = 'test/traced'`);
    expect(stored[0]!.data[TRACE_KEY]!.traceparent).toContain(traceId);
    for (let i = 0; i < 10 && (await runner.tick()) > 0; i++);
    const step = named('inngest.step look-up')[0];
    expect(step).toBeDefined();
    expect(step!.spanContext().traceId).toBe(traceId);
    expect(step!.attributes).toMatchObject({ 'inngest.function_id': 'telemetry-test-traced', 'request.id': 'req_telemetry_0003' });
    // The step's own query is a child of the step span.
    const query = spans().find((s) => s.name.startsWith('prisma:') && parentOf(s) === step);
    expect(query ?? spans().find((s) => s.name.startsWith('prisma:') && s.spanContext().traceId === traceId)).toBeDefined();
    const finalize = named('inngest.step finalize')[0];
    expect(finalize?.spanContext().traceId).toBe(traceId);
  });

  it('puts the request id on the request’s root span, which Next opened before the id was known', async () => {
    exporter.reset();
    await withSpan('GET /api/v1/search', { 'next.span_type': 'BaseServer.handleRequest', 'next.route': '/api/v1/search', 'http.method': 'GET' }, () =>
      withRequestId('req_telemetry_0004', () => withSpan('rest GET /api/v1/search', {}, () => undefined)),
    );
    expect(named('GET /api/v1/search')[0]!.attributes['request.id']).toBe('req_telemetry_0004');
  });

  it('redacts personal data and secrets from span attributes', async () => {
    exporter.reset();
    await withSpan('pii.test', { 'user.email': 'a@b.co', 'http.url': '/api/x?email=jane@example.com&token=abc123', 'auth.token': 'secret-1' }, () => undefined);
    const attrs = named('pii.test')[0]!.attributes;
    expect(JSON.stringify(attrs)).not.toMatch(/a@b\.co|jane@example\.com|abc123|secret-1/);
  });
});

describe('in-database metric summary', () => {
  it('adds request, decision, search and queue metrics into per-minute rows', async () => {
    recordSearchQuery(true);
    recordSearchQuery(false);
    recordSearchQuery(false);
    await telemetry.flush();
    const rows = await getDb().prisma.telemetryMinute.findMany();
    const by = (metric: string) => rows.filter((r) => r.metric === metric);
    const proc = by(METRIC.requestDuration).find((r) => (r.attributes as { route?: string }).route === 'catalog.list');
    expect(proc).toMatchObject({ count: 1 });
    expect(proc!.buckets.reduce((a, b) => a + b, 0)).toBe(1);
    expect(by(METRIC.decisionDuration).find((r) => (r.attributes as { model_version?: string }).model_version === 'risk_score@builtin')?.count).toBe(1);
    const search = by(METRIC.searchQueries);
    expect(search.find((r) => (r.attributes as { zero_result?: boolean }).zero_result === true)?.count).toBe(1);
    expect(search.find((r) => (r.attributes as { zero_result?: boolean }).zero_result === false)?.count).toBe(2);
    expect(by(METRIC.runnerQueueDepth)).toHaveLength(1);
    expect(by(METRIC.webhookInboxPending)).toHaveLength(1);
    expect(by(METRIC.webhookInboxLag)).toHaveLength(1);
    // A second flush adds deltas to the same minute rather than duplicating rows.
    recordSearchQuery(true);
    await telemetry.flush();
    const again = await getDb().prisma.telemetryMinute.findMany({ where: { metric: METRIC.searchQueries } });
    expect(again.filter((r) => (r.attributes as { zero_result?: boolean }).zero_result === true).reduce((a, r) => a + r.count, 0)).toBe(2);
  });
});
