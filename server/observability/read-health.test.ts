import { describe, expect, it } from 'vitest';
import { useTestDatabase } from '@/server/db/testing';
import { LATENCY_BOUNDARIES_MS, METRIC } from './metrics';
import { histogramQuantile, readHealthSummary } from './read-health';
import { writeSummaryRows, type SummaryRow } from './summary-store';

describe('histogramQuantile', () => {
  it('interpolates inside the bucket the rank falls in', () => {
    // 10 samples in (0, 10], 10 in (10, 20]: the median is 10, p95 is 19.
    expect(histogramQuantile([10, 20], [10, 10, 0], 0.5)).toBe(10);
    expect(histogramQuantile([10, 20], [10, 10, 0], 0.95)).toBe(19);
    expect(histogramQuantile([10, 20], [0, 0, 4], 0.5)).toBe(20);
    expect(histogramQuantile([10, 20], [0, 0, 0], 0.5)).toBeNull();
  });
});

const getDb = useTestDatabase();

function hist(minute: Date, metric: string, attributes: Record<string, unknown>, samples: number[]): SummaryRow {
  const buckets = new Array<number>(LATENCY_BOUNDARIES_MS.length + 1).fill(0);
  for (const s of samples) buckets[LATENCY_BOUNDARIES_MS.findIndex((b) => s <= b) === -1 ? LATENCY_BOUNDARIES_MS.length : LATENCY_BOUNDARIES_MS.findIndex((b) => s <= b)]! += 1;
  const series = JSON.stringify(Object.fromEntries(Object.entries(attributes).sort()));
  return { minute, metric, series, attributes, count: samples.length, sum: samples.reduce((a, b) => a + b, 0), buckets, boundaries: LATENCY_BOUNDARIES_MS, value: null };
}

describe('readHealthSummary', () => {
  it('sums instances’ rows per route, per minute and per model version', async () => {
    const m1 = new Date(Math.floor(Date.now() / 60_000) * 60_000 - 120_000);
    const m2 = new Date(m1.getTime() + 60_000);
    const db = getDb().prisma;
    const search = { kind: 'http', route: 'GET /search', outcome: 'ok' };
    // Two instances report the same minute and series: their deltas add up.
    await writeSummaryRows(db, [hist(m1, METRIC.requestDuration, search, [8, 9, 40])]);
    await writeSummaryRows(db, [
      hist(m1, METRIC.requestDuration, search, [30]),
      hist(m2, METRIC.requestDuration, search, [200, 300]),
      hist(m2, METRIC.requestDuration, { kind: 'http', route: 'GET /search', outcome: 'error' }, [1200]),
      hist(m2, METRIC.decisionDuration, { kind: 'search_ranking', model_version: 'search_ranking@builtin', degraded: false }, [20, 22]),
      { minute: m2, metric: METRIC.searchQueries, series: '{"zero_result":true}', attributes: { zero_result: true }, count: 1, sum: 1, buckets: [], boundaries: [], value: null },
      { minute: m2, metric: METRIC.searchQueries, series: '{"zero_result":false}', attributes: { zero_result: false }, count: 3, sum: 3, buckets: [], boundaries: [], value: null },
      { minute: m2, metric: METRIC.runnerQueueDepth, series: '{}', attributes: {}, count: 0, sum: 0, buckets: [], boundaries: [], value: 7 },
      { minute: m2, metric: METRIC.runnerQueueOldestAge, series: '{}', attributes: {}, count: 0, sum: 0, buckets: [], boundaries: [], value: 42 },
    ]);
    const s = await readHealthSummary(db, { minutes: 60 });
    expect(s.routes).toHaveLength(1);
    expect(s.routes[0]).toMatchObject({ kind: 'http', route: 'GET /search', requests: 7, errors: 1, errorRate: 0.1429 });
    expect(s.perMinute.map((p) => [p.requests, p.errors])).toEqual([[4, 0], [3, 1]]);
    expect(s.decisions).toEqual([{ kind: 'search_ranking', modelVersion: 'search_ranking@builtin', decisions: 2, degradedShare: 0, p95Ms: expect.any(Number) }]);
    expect(s.search).toEqual({ queries: 4, zeroResult: 1, zeroResultRate: 0.25 });
    expect(s.queue).toMatchObject({ depth: 7, oldestAgeS: 42 });
  });
});
