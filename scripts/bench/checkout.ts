// `npm run bench:checkout`: POST /api/v1/orders over real HTTP (the route's own handler in a
// node:http server on 127.0.0.1) at 1, 8 and 32 concurrent shoppers, each level against one
// variant with limited stock, so the rush for the last units is part of what is measured.
// With DATABASE_URL it runs on that Postgres server (in a scratch database when the role may
// create one), else on the embedded database. The shoppers run in a worker thread
// (checkout-shoppers.ts), off the app's event loop. Out-of-stock refusals (409) are not errors;
// oversell = units sold beyond stock. Last line: JSON.
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { parseArgs } from 'node:util';
import { Worker } from 'node:worker_threads';
import pg from 'pg';
import { ulid } from 'ulid';
import { setEventStoreDb } from '@/inngest/runner/event-store';
import { postOrderHandler } from '@/server/api/orders-rest';
import { migrateDatabase } from '@/server/db/bootstrap';
import { createPrismaClient } from '@/server/db/client';
import { startEmbeddedPostgres } from '@/server/db/embedded';
import { ensureStoreDefaults, makeVariant } from '@/server/modules/checkout/checkout.fixtures';
import type { LevelRequest, LevelResult } from './checkout-shoppers';

// Capacity, not abuse limits, is measured here: every shopper below is a different person
// (own card and address), and the per-address rate limit would only measure itself.
process.env.RATE_LIMITS = 'off';

const { values } = parseArgs({
  options: {
    requests: { type: 'string', default: '240' },
    // Stock per level as a share of its requests: the rest are refused as out of stock.
    'stock-share': { type: 'string', default: '0.5' },
    levels: { type: 'string', default: '1,8,32' },
  },
});
const REQUESTS = Number(values.requests);
const LEVELS = values.levels!.split(',').map(Number);
const STOCK = Math.max(1, Math.floor(REQUESTS * Number(values['stock-share'])));

async function database() {
  const url = process.env.DATABASE_URL;
  if (!url) {
    const server = await startEmbeddedPostgres();
    return { kind: 'embedded' as const, url: server.url, poolMax: 1, stop: () => server.stop() };
  }
  const poolMax = Number(process.env.DATABASE_POOL_MAX ?? 10);
  // A scratch database keeps the bench's orders out of the store; without CREATEDB, the store itself.
  const name = `bench_checkout_${ulid().toLowerCase()}`;
  const admin = new pg.Client({ connectionString: url });
  await admin.connect();
  try {
    await admin.query(`CREATE DATABASE "${name}"`);
  } catch {
    await admin.end();
    return { kind: 'server' as const, url, poolMax, stop: async () => undefined };
  }
  await admin.end();
  const u = new URL(url);
  u.pathname = `/${name}`;
  return {
    kind: 'server' as const,
    url: u.toString(),
    poolMax,
    stop: async () => {
      const c = new pg.Client({ connectionString: url });
      await c.connect();
      await c.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
      await c.end();
    },
  };
}

async function toRequest(req: IncomingMessage): Promise<Request> {
  const chunks: Buffer[] = [];
  for await (const c of req) chunks.push(c as Buffer);
  const headers = new Headers();
  for (const [k, v] of Object.entries(req.headers)) if (typeof v === 'string') headers.set(k, v);
  return new Request(`http://127.0.0.1${req.url}`, { method: req.method, headers, body: chunks.length ? Buffer.concat(chunks) : undefined });
}

function quantile(sorted: number[], q: number): number {
  if (sorted.length === 0) return 0;
  return sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)]!;
}
const round = (n: number) => Math.round(n * 100) / 100;

const target = await database();
await migrateDatabase(target.url);
const db = createPrismaClient(target.url, target.poolMax);
// The store as it is after its first start: published policies, the trained risk model in production.
await ensureStoreDefaults(db);
setEventStoreDb(db);
const handler = postOrderHandler({ db });
const server = createServer((req: IncomingMessage, res: ServerResponse) => {
  void (async () => {
    if (req.method !== 'POST' || req.url !== '/api/v1/orders') {
      res.writeHead(404).end();
      return;
    }
    const response = await handler(await toRequest(req));
    res.writeHead(response.status, Object.fromEntries(response.headers));
    res.end(Buffer.from(await response.arrayBuffer()));
  })();
});
await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
// tsx's loader is registered per thread: the worker registers it, then imports the shoppers.
const shoppersUrl = new URL('./checkout-shoppers.ts', import.meta.url).href;
const shoppers = new Worker(`import('tsx/esm/api').then((tsx) => { tsx.register(); return import(${JSON.stringify(shoppersUrl)}); });`, { eval: true });

type Level = { p50: number; p95: number; p99: number; rps: number; errors: number; placed: number; outOfStock: number; oversell: number };
const levels: Record<string, Level> = {};
let oversellTotal = 0;

for (const concurrency of LEVELS) {
  const v = await makeVariant(db, { stock: STOCK, priceCents: 4_900 });
  const warm = await makeVariant(db, { stock: 10 });
  const run = await runLevel({ base, sku: v.sku, warmSku: warm.sku, concurrency, requests: REQUESTS });
  for (const sample of run.errorSamples) console.error(`error: ${sample}`);
  const { latencies, seconds, errors, placed, outOfStock } = run;
  latencies.sort((a, b) => a - b);
  // Units sold = order lines of this variant on orders that were not cancelled.
  const sold = await db.orderLine.aggregate({
    _sum: { quantity: true },
    where: { variantId: v.variantId, order: { status: { notIn: ['cancelled'] } } },
  });
  const oversell = Math.max(0, (sold._sum.quantity ?? 0) - STOCK);
  oversellTotal += oversell;
  levels[String(concurrency)] = {
    p50: round(quantile(latencies, 0.5)),
    p95: round(quantile(latencies, 0.95)),
    p99: round(quantile(latencies, 0.99)),
    rps: round(REQUESTS / seconds),
    errors,
    placed,
    outOfStock,
    oversell,
  };
  console.log(`${concurrency} shoppers: ${JSON.stringify(levels[String(concurrency)])}`);
}

function runLevel(req: LevelRequest): Promise<LevelResult> {
  return new Promise((resolve, reject) => {
    const onError = (error: Error) => reject(error);
    shoppers.once('error', onError);
    shoppers.once('message', (result: LevelResult) => {
      shoppers.off('error', onError);
      resolve(result);
    });
    shoppers.postMessage(req);
  });
}

await shoppers.terminate();
server.close();
await db.$disconnect();
await target.stop();
console.log(
  JSON.stringify({
    db: target.kind,
    oversell: oversellTotal,
    levels: Object.fromEntries(Object.entries(levels).map(([k, l]) => [k, { p50: l.p50, p95: l.p95, p99: l.p99, rps: l.rps, errors: l.errors }])),
    requestsPerLevel: REQUESTS,
    stockPerLevel: STOCK,
  }),
);
