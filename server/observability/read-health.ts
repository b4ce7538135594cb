// What the console's health page shows, read from the in-database summary: per route and
// procedure traffic, errors and latency percentiles; requests and p95 per minute; decision
// latency per model version; the runner's queue; search zero-result rate; slow traces.
import { z } from 'zod';
import type { Db } from '@/server/db/client';
import { METRIC } from './metrics';

export const healthSummaryInput = z.object({ minutes: z.number().int().min(5).max(1440).default(60) });
export type HealthSummaryInput = z.input<typeof healthSummaryInput>;

type Row = { minute: Date; metric: string; attributes: unknown; count: number; sum: number; buckets: number[]; boundaries: number[]; value: number | null };

/** The q-quantile of a histogram, interpolating linearly inside the bucket it falls in. */
export function histogramQuantile(boundaries: number[], counts: number[], q: number): number | null {
  const total = counts.reduce((a, b) => a + b, 0);
  if (total === 0) return null;
  const rank = q * total;
  let seen = 0;
  for (let i = 0; i < counts.length; i++) {
    const n = counts[i]!;
    if (seen + n >= rank && n > 0) {
      const lo = i === 0 ? 0 : boundaries[i - 1]!;
      // The overflow bucket has no upper bound: report its lower bound.
      const hi = i < boundaries.length ? boundaries[i]! : lo;
      return Math.round((lo + ((rank - seen) / n) * (hi - lo)) * 10) / 10;
    }
    seen += n;
  }
  return boundaries.at(-1) ?? null;
}

type Acc = { count: number; sum: number; errors: number; buckets: number[]; boundaries: number[] };
const emptyAcc = (): Acc => ({ count: 0, sum: 0, errors: 0, buckets: [], boundaries: [] });
function add(acc: Acc, r: Row) {
  acc.count += r.count;
  acc.sum += r.sum;
  if (r.buckets.length) {
    if (acc.buckets.length !== r.buckets.length) acc.buckets = new Array<number>(r.buckets.length).fill(0);
    r.buckets.forEach((n, i) => (acc.buckets[i]! += n));
    acc.boundaries = r.boundaries;
  }
}

export async function readHealthSummary(db: Db, raw: HealthSummaryInput = {}) {
  const { minutes } = healthSummaryInput.parse(raw);
  const since = new Date(Date.now() - minutes * 60_000);
  const rows = (await db.telemetryMinute.findMany({
    where: { minute: { gte: since } },
    select: { minute: true, metric: true, attributes: true, count: true, sum: true, buckets: true, boundaries: true, value: true },
    orderBy: { minute: 'asc' },
  })) as Row[];
  const attr = (r: Row) => (r.attributes ?? {}) as Record<string, string | boolean | number>;

  const routes = new Map<string, Acc & { kind: string; route: string }>();
  const perMinute = new Map<string, Acc>();
  const decisions = new Map<string, Acc & { kind: string; modelVersion: string; degraded: number }>();
  let searchTotal = 0;
  let searchZero = 0;
  let queue: { depth: number; oldestAgeS: number; at: string } | null = null;
  let queueAge: number | null = null;
  let inboxPending: number | null = null;
  let inboxLag: number | null = null;

  for (const r of rows) {
    const a = attr(r);
    if (r.metric === METRIC.requestDuration) {
      const key = `${a.kind} ${a.route}`;
      const acc = routes.get(key) ?? { ...emptyAcc(), kind: String(a.kind), route: String(a.route) };
      add(acc, r);
      if (a.outcome === 'error') acc.errors += r.count;
      routes.set(key, acc);
      // The chart counts what shoppers and systems send: HTTP requests (tRPC and REST calls are inside them).
      if (a.kind === 'http') {
        const m = r.minute.toISOString();
        const pm = perMinute.get(m) ?? emptyAcc();
        add(pm, r);
        if (a.outcome === 'error') pm.errors += r.count;
        perMinute.set(m, pm);
      }
    } else if (r.metric === METRIC.decisionDuration) {
      const key = `${a.kind} ${a.model_version}`;
      const acc = decisions.get(key) ?? { ...emptyAcc(), kind: String(a.kind), modelVersion: String(a.model_version), degraded: 0 };
      add(acc, r);
      if (a.degraded === true) acc.degraded += r.count;
      decisions.set(key, acc);
    } else if (r.metric === METRIC.searchQueries) {
      searchTotal += r.count;
      if (a.zero_result === true) searchZero += r.count;
    } else if (r.metric === METRIC.runnerQueueDepth && r.value !== null) {
      queue = { depth: r.value, oldestAgeS: queueAge ?? 0, at: r.minute.toISOString() };
    } else if (r.metric === METRIC.webhookInboxPending && r.value !== null) {
      inboxPending = r.value;
    } else if (r.metric === METRIC.webhookInboxLag && r.value !== null) {
      inboxLag = r.value;
    } else if (r.metric === METRIC.runnerQueueOldestAge && r.value !== null) {
      queueAge = r.value;
      if (queue) queue.oldestAgeS = r.value;
    }
  }

  const ratio = (n: number, d: number) => (d ? Math.round((n / d) * 10_000) / 10_000 : 0);
  const slowTraces = await db.telemetrySlowTrace.findMany({
    where: { startedAt: { gte: since } },
    orderBy: { durationMs: 'desc' },
    take: 10,
    select: { traceId: true, name: true, durationMs: true, requestId: true, status: true, startedAt: true },
  });

  return {
    windowMinutes: minutes,
    routes: [...routes.values()]
      .map((r) => ({
        kind: r.kind,
        route: r.route,
        requests: r.count,
        errors: r.errors,
        errorRate: ratio(r.errors, r.count),
        avgMs: r.count ? Math.round((r.sum / r.count) * 10) / 10 : null,
        p50Ms: histogramQuantile(r.boundaries, r.buckets, 0.5),
        p95Ms: histogramQuantile(r.boundaries, r.buckets, 0.95),
      }))
      .sort((a, b) => b.requests - a.requests),
    perMinute: [...perMinute.entries()].map(([minute, m]) => ({
      minute,
      requests: m.count,
      errors: m.errors,
      p95Ms: histogramQuantile(m.boundaries, m.buckets, 0.95),
    })),
    decisions: [...decisions.values()]
      .map((d) => ({ kind: d.kind, modelVersion: d.modelVersion, decisions: d.count, degradedShare: ratio(d.degraded, d.count), p95Ms: histogramQuantile(d.boundaries, d.buckets, 0.95) }))
      .sort((a, b) => b.decisions - a.decisions),
    queue,
    webhookInbox: inboxPending === null ? null : { pending: inboxPending, lagS: inboxLag ?? 0 },
    search: { queries: searchTotal, zeroResult: searchZero, zeroResultRate: ratio(searchZero, searchTotal) },
    slowTraces,
  };
}

export type HealthSummary = Awaited<ReturnType<typeof readHealthSummary>>;
