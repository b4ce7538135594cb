// The shoppers of `bench:checkout`, in a worker thread: real shoppers are not in the app's
// process, so their HTTP client, JSON and timers must not queue on the app's event loop (in
// one thread they took ~7 % of its CPU and their own latency counted the app's backlog twice).
// The main thread sends one level at a time; the worker answers with every latency and outcome.
// The client is node:http with a keep-alive agent, not fetch: undici's fetch cost ~1.4 ms of
// CPU a request on this 2-core machine (an empty handler served 760 requests/s through fetch,
// 2,060 through node:http), CPU the app under test then did not get (ADR 038).
import { Agent, request } from 'node:http';
import { parentPort } from 'node:worker_threads';
import { ulid } from 'ulid';
import { address, freshCard, freshIp } from '@/server/modules/checkout/test-shoppers';

export type LevelRequest = { base: string; sku: string; concurrency: number; requests: number; warmSku: string };
export type LevelResult = { latencies: number[]; seconds: number; placed: number; outOfStock: number; errors: number; errorSamples: string[] };

const agent = new Agent({ keepAlive: true, maxSockets: 64 });
type Reply = { status: number; body: { error?: { message?: string } } | null };

function post(base: string, sku: string, key: string): Promise<Reply> {
  const url = new URL('/api/v1/orders', base);
  const body = JSON.stringify({
    lines: [{ sku, quantity: 1 }],
    email: `shopper-${key.toLowerCase()}@example.com`,
    shippingAddress: address,
    paymentMethod: freshCard(),
  });
  return new Promise((resolve, reject) => {
    const req = request(
      {
        host: url.hostname,
        port: url.port,
        path: url.pathname,
        method: 'POST',
        agent,
        headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body), 'idempotency-key': key, 'x-forwarded-for': freshIp() },
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('error', reject);
        res.on('end', () => {
          let parsed: Reply['body'] = null;
          try {
            parsed = JSON.parse(Buffer.concat(chunks).toString('utf8'));
          } catch {
            parsed = null;
          }
          resolve({ status: res.statusCode ?? 0, body: parsed });
        });
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}

async function runLevel(req: LevelRequest): Promise<LevelResult> {
  // Warm-up: connection pool, JIT, the catalog's prepared plans (its own variant).
  for (let i = 0; i < 3; i++) await post(req.base, req.warmSku, `warm-${req.concurrency}-${i}-${ulid()}`);
  const result: LevelResult = { latencies: [], seconds: 0, placed: 0, outOfStock: 0, errors: 0, errorSamples: [] };
  let next = 0;
  const t0 = performance.now();
  await Promise.all(
    Array.from({ length: req.concurrency }, async () => {
      for (let i = next++; i < req.requests; i = next++) {
        const start = performance.now();
        const res = await post(req.base, req.sku, `bench-${req.concurrency}-${i}-${ulid()}`).catch(() => null);
        const body = res?.body ?? null;
        result.latencies.push(performance.now() - start);
        if (res?.status === 201) result.placed++;
        else if (res?.status === 409 && /out of stock/.test(body?.error?.message ?? '')) result.outOfStock++;
        else {
          result.errors++;
          if (result.errorSamples.length < 3) result.errorSamples.push(`${res?.status} ${JSON.stringify(body)}`);
        }
      }
    }),
  );
  result.seconds = (performance.now() - t0) / 1000;
  return result;
}

parentPort?.on('message', (req: LevelRequest) => {
  void runLevel(req).then((r) => parentPort!.postMessage(r));
});
