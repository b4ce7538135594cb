// Latency measurement for benches: run a workload at a fixed concurrency, report percentiles.

export type LatencyStats = { p50: number; p95: number; p99: number; qps: number; n: number };

function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return 0;
  const idx = Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1);
  return sorted[Math.max(0, idx)]!;
}

const r2 = (x: number) => Math.round(x * 100) / 100;

/** Runs `task(i)` for i in [0, total) with `concurrency` callers; returns latency stats in ms. */
export async function measure(total: number, concurrency: number, task: (i: number) => Promise<unknown>): Promise<LatencyStats> {
  const latencies: number[] = [];
  let next = 0;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      for (let i = next++; i < total; i = next++) {
        const t = performance.now();
        await task(i);
        latencies.push(performance.now() - t);
      }
    }),
  );
  const elapsed = (performance.now() - started) / 1000;
  latencies.sort((a, b) => a - b);
  return {
    p50: r2(percentile(latencies, 50)),
    p95: r2(percentile(latencies, 95)),
    p99: r2(percentile(latencies, 99)),
    qps: r2(latencies.length / elapsed),
    n: latencies.length,
  };
}
