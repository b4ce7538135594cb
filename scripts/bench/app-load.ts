// Loopback load against the production build (`next build` first): `next start` instances on
// ports 3170+ over one scratch database on the Postgres server (BENCH_DATABASE_URL or
// DATABASE_URL; the role must be allowed CREATE DATABASE), driven by autocannon.
//   npm run bench:reliability -- [--duration 60] [--connections 32]
//     search and checkout on one instance: errors, oversell, p50/p95/p99, rps.
//   npm run bench:scale -- [--duration 20] [--connections 32]
//     search, checkout and event ingestion with 1 and then 2 instances: rps and p95 each.
// The machine's load average is printed with the figures: on a shared machine they are a floor.
// Last line: JSON.
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import autocannon from 'autocannon';
import pg from 'pg';
import { ulid } from 'ulid';
import { indexSearch, migrateDatabase, seedIfEmpty } from '@/server/db/bootstrap';
import { createPrismaClient } from '@/server/db/client';
import { address, ensureStoreDefaults, freshCard, freshIp, makeVariant } from '@/server/modules/checkout/checkout.fixtures';

const { values } = parseArgs({
  options: {
    mode: { type: 'string', default: 'reliability' },
    duration: { type: 'string' },
    connections: { type: 'string', default: '32' },
    'base-port': { type: 'string', default: '3170' },
    stock: { type: 'string', default: '400' },
  },
});
const MODE = values.mode === 'scale' ? 'scale' : 'reliability';
const DURATION = Number(values.duration ?? (MODE === 'scale' ? 20 : 60));
const CONNECTIONS = Number(values.connections);
const BASE_PORT = Number(values['base-port']);
const STOCK = Number(values.stock);
const log = (msg: string) => console.log(`[bench:${MODE}] ${msg}`);
// `next start` on a database server refuses the public development keys (ADR 027): a scratch
// key pair for this run, shared by every instance through the environment.
process.env.PII_ENCRYPTION_KEYS ||= `bench:${randomBytes(32).toString('base64')}`;
process.env.IDENTITY_TOKEN_KEYS ||= `bench:${randomBytes(32).toString('hex')}`;
const round = (n: number) => Math.round(n * 100) / 100;

if (!existsSync('.next/BUILD_ID')) {
  console.error('No production build: run `npm run build` first.');
  process.exit(1);
}
const adminUrl = process.env.BENCH_DATABASE_URL ?? process.env.DATABASE_URL;
if (!adminUrl) {
  console.error('Set BENCH_DATABASE_URL (or DATABASE_URL) to a Postgres server with pgvector.');
  process.exit(1);
}

// A scratch database: the bench's orders stay out of any store.
const dbName = `bench_load_${ulid().toLowerCase()}`;
const admin = new pg.Client({ connectionString: adminUrl });
await admin.connect();
await admin.query(`CREATE DATABASE "${dbName}"`);
await admin.end();
const url = (() => {
  const u = new URL(adminUrl);
  u.pathname = `/${dbName}`;
  return u.toString();
})();
const children: ChildProcess[] = [];
async function cleanup() {
  for (const c of children) if (c.exitCode === null) c.kill('SIGTERM');
  await new Promise((r) => setTimeout(r, 1500));
  for (const c of children) if (c.exitCode === null) c.kill('SIGKILL');
  const a = new pg.Client({ connectionString: adminUrl });
  await a.connect();
  await a.query(`DROP DATABASE IF EXISTS "${dbName}" WITH (FORCE)`);
  await a.end();
}
process.on('SIGINT', () => void cleanup().then(() => process.exit(130)));

await migrateDatabase(url);
const seeded = await seedIfEmpty(url, { ...process.env, SEED_ON_START: '1' });
const indexed = await indexSearch(url);
const db = createPrismaClient(url, 2);
await ensureStoreDefaults(db);
log(`database ${dbName}: ${seeded.skipped ? 'catalog present' : `${seeded.created} products`}, ${indexed.indexed} search documents`);

/** One `next start` on a port, against the scratch database; resolves when it is ready. */
async function startInstance(port: number): Promise<void> {
  const child = spawn(process.execPath, [path.resolve('node_modules/next/dist/bin/next'), 'start', '-p', String(port)], {
    env: {
      ...process.env,
      DATABASE_URL: url,
      DATABASE_EMBEDDED: '0',
      NEXT_TELEMETRY_DISABLED: '1',
      NEXT_MANUAL_SIG_HANDLE: '1',
      // The request path is measured; background work would run in a worker in production.
      INNGEST_RUNNER: 'off',
      // Capacity, not abuse limits: every request comes from 127.0.0.1.
      RATE_LIMITS: 'off',
      EVENTS_RATE_BURST: '1000000',
      EVENTS_RATE_PER_SEC: '1000000',
      LOG_LEVEL: 'warn',
      SHUTDOWN_DRAIN_MS: '0',
    },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  children.push(child);
  const t0 = Date.now();
  for (;;) {
    if (child.exitCode !== null) throw new Error(`instance on :${port} exited with ${child.exitCode}`);
    const ok = await fetch(`http://127.0.0.1:${port}/api/health/ready`).then((r) => r.ok).catch(() => false);
    if (ok) return;
    if (Date.now() - t0 > 180_000) throw new Error(`instance on :${port} not ready after 180 s`);
    await new Promise((r) => setTimeout(r, 500));
  }
}

type Figures = { requests: number; rps: number; p50: number; p95: number; p99: number; errors: number; statuses: Record<string, number> };

function quantile(sorted: number[], q: number): number {
  if (sorted.length === 0) return 0;
  return sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)]!;
}

/**
 * Runs autocannon against every base at once (connections split evenly) and merges the
 * per-request latencies, so p95 is over all requests. `ok` says which statuses are not errors.
 */
async function load(
  bases: string[],
  request: () => { method: 'GET' | 'POST'; path: string; headers?: Record<string, string>; body?: string },
  ok: (status: number) => boolean,
): Promise<Figures> {
  const latencies: number[] = [];
  const statuses: Record<string, number> = {};
  let errors = 0;
  const per = Math.max(1, Math.floor(CONNECTIONS / bases.length));
  const t0 = performance.now();
  await Promise.all(
    bases.map(
      (base) =>
        new Promise<void>((resolve, reject) => {
          const instance = autocannon(
            {
              url: base,
              connections: per,
              duration: DURATION,
              timeout: 30,
              requests: [{ setupRequest: (req) => ({ ...req, ...request() }) }],
            },
            (err) => (err ? reject(err) : resolve()),
          );
          instance.on('response', (_client: unknown, status: number, _bytes: number, ms: number) => {
            latencies.push(ms);
            statuses[status] = (statuses[status] ?? 0) + 1;
            if (!ok(status)) errors++;
          });
          instance.on('reqError', () => {
            errors++;
            statuses.error = (statuses.error ?? 0) + 1;
          });
        }),
    ),
  );
  const seconds = (performance.now() - t0) / 1000;
  latencies.sort((a, b) => a - b);
  return {
    requests: latencies.length,
    rps: round(latencies.length / seconds),
    p50: round(quantile(latencies, 0.5)),
    p95: round(quantile(latencies, 0.95)),
    p99: round(quantile(latencies, 0.99)),
    errors,
    statuses,
  };
}

const queries = ['sofa', 'oak table', 'lamp', 'cotton shirt', 'running shoes', 'kitchen knife', 'desk chair', 'blue rug', 'mug', 'pillow'];
let q = 0;
const searchRequest = () => ({ method: 'GET' as const, path: `/api/v1/search?q=${encodeURIComponent(queries[q++ % queries.length]!)}&pageSize=20` });

async function checkoutRun(bases: string[]) {
  const v = await makeVariant(db, { stock: STOCK, priceCents: 2_900 });
  let n = 0;
  const figures = await load(
    bases,
    () => {
      const key = `load-${ulid()}`;
      n++;
      return {
        method: 'POST',
        path: '/api/v1/orders',
        headers: { 'content-type': 'application/json', 'idempotency-key': key, 'x-forwarded-for': freshIp() },
        body: JSON.stringify({ lines: [{ sku: v.sku, quantity: 1 }], email: `load-${key.toLowerCase()}@example.com`, shippingAddress: address, paymentMethod: freshCard() }),
      };
    },
    // 201 placed or held for review, 402 refused by card or risk policy, 409 out of stock.
    (s) => s === 201 || s === 402 || s === 409,
  );
  const sold = await db.orderLine.aggregate({ _sum: { quantity: true }, where: { variantId: v.variantId, order: { status: { not: 'cancelled' } } } });
  const level = await db.inventoryLevel.findUnique({ where: { variantId: v.variantId } });
  const unitsSold = sold._sum.quantity ?? 0;
  return { ...figures, sent: n, stock: STOCK, unitsSold, oversell: Math.max(0, unitsSold - STOCK), reservedCounter: level?.reserved ?? 0 };
}

async function eventsRun(bases: string[]) {
  return load(
    bases,
    () => ({
      method: 'POST',
      path: '/api/v1/events',
      headers: { 'content-type': 'application/json', 'x-forwarded-for': freshIp() },
      body: JSON.stringify({
        events: Array.from({ length: 10 }, () => ({ id: `evt_${ulid()}`, name: 'shopper/page.viewed', ts: Date.now(), data: { path: '/' } })),
      }),
    }),
    (s) => s >= 200 && s < 300,
  );
}

const result: Record<string, unknown> = { mode: MODE, durationSeconds: DURATION, connections: CONNECTIONS, cpus: os.cpus().length };
try {
  if (MODE === 'reliability') {
    await startInstance(BASE_PORT);
    const bases = [`http://127.0.0.1:${BASE_PORT}`];
    const search = await load(bases, searchRequest, (s) => s === 200);
    log(`search: ${JSON.stringify(search)}`);
    const checkout = await checkoutRun(bases);
    log(`checkout: ${JSON.stringify(checkout)}`);
    Object.assign(result, { search, checkout, errors: search.errors + checkout.errors, oversell: checkout.oversell });
  } else {
    const levels: Record<string, unknown> = {};
    for (const instances of [1, 2]) {
      while (children.filter((c) => c.exitCode === null).length < instances) await startInstance(BASE_PORT + children.length);
      const bases = Array.from({ length: instances }, (_, i) => `http://127.0.0.1:${BASE_PORT + i}`);
      const search = await load(bases, searchRequest, (s) => s === 200);
      const checkout = await checkoutRun(bases);
      const events = await eventsRun(bases);
      levels[String(instances)] = {
        search: { rps: search.rps, p95: search.p95, errors: search.errors },
        checkout: { rps: checkout.rps, p95: checkout.p95, errors: checkout.errors, oversell: checkout.oversell },
        events: { rps: events.rps, eventsPerSecond: round(events.rps * 10), p95: events.p95, errors: events.errors },
      };
      log(`${instances} instance(s): ${JSON.stringify(levels[String(instances)])}`);
    }
    result.instances = levels;
  }
} finally {
  await db.$disconnect();
  await cleanup();
}
result.loadavg = os.loadavg().map(round);
console.log(JSON.stringify(result));
