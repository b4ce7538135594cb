// Starts bench:checkout's shoppers (checkout-shoppers.ts) in a worker thread and runs one
// level at a time there, so their HTTP client never queues on the app's event loop.
import { Worker } from 'node:worker_threads';
import type { LevelRequest, LevelResult } from './checkout-shoppers';

export function startShoppers() {
  // tsx's loader is registered per thread: the worker registers it, then imports the shoppers.
  const url = new URL('./checkout-shoppers.ts', import.meta.url).href;
  const worker = new Worker(`import('tsx/esm/api').then((tsx) => { tsx.register(); return import(${JSON.stringify(url)}); });`, { eval: true });
  return {
    runLevel(req: LevelRequest): Promise<LevelResult> {
      return new Promise((resolve, reject) => {
        const onError = (error: Error) => reject(error);
        worker.once('error', onError);
        worker.once('message', (result: LevelResult) => {
          worker.off('error', onError);
          resolve(result);
        });
        worker.postMessage(req);
      });
    },
    stop: () => worker.terminate(),
  };
}

/** p50/p95/p99 (ms, 2 decimals) of a level's latencies. */
export function latencySummary(latencies: number[]) {
  const sorted = [...latencies].sort((a, b) => a - b);
  const q = (p: number) => (sorted.length ? sorted[Math.min(sorted.length - 1, Math.ceil(p * sorted.length) - 1)]! : 0);
  const round = (n: number) => Math.round(n * 100) / 100;
  return { p50: round(q(0.5)), p95: round(q(0.95)), p99: round(q(0.99)) };
}
