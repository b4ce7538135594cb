// p95 latency of a few routes over a window, merged from the per-minute histograms
// (telemetry_minutes), for summary tiles such as search health on the dashboard.
import type { Db } from '@/server/db/client';
import { METRIC } from './metrics';
import { histogramQuantile } from './read-health';

export async function routeLatency(db: Db, routes: string[], since: Date): Promise<{ requests: number; p95Ms: number | null }> {
  const rows = await db.$queryRaw<{ count: number; buckets: number[]; boundaries: number[] }[]>`
    SELECT count, buckets, boundaries FROM telemetry_minutes
    WHERE metric = ${METRIC.requestDuration} AND minute >= ${since} AND attributes->>'route' = ANY(${routes}::text[])`;
  let buckets: number[] = [];
  let boundaries: number[] = [];
  let requests = 0;
  for (const r of rows) {
    requests += r.count;
    if (!r.buckets.length) continue;
    if (buckets.length !== r.buckets.length) {
      buckets = new Array<number>(r.buckets.length).fill(0);
      boundaries = r.boundaries;
    }
    r.buckets.forEach((n, i) => (buckets[i]! += n));
  }
  return { requests, p95Ms: histogramQuantile(boundaries, buckets, 0.95) };
}
