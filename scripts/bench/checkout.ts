// `npm run bench:checkout`: POST /api/v1/orders over real HTTP (the route's own handler in a
// node:http server on 127.0.0.1) at 1, 8 and 32 concurrent shoppers, each level against one
// variant with limited stock, so the rush for the last units is part of what is measured.
// With DATABASE_URL it runs on that Postgres server (in a scratch database when the role may
// create one), else on the embedded database. The shoppers run in a worker thread
// (checkout-shoppers.ts), off the app's event loop. Out-of-stock refusals (409) are not errors;
// oversell = units sold beyond stock. Last line: JSON.
import { parseArgs } from 'node:util';
import pg from 'pg';
import { ulid } from 'ulid';
import { setEventStoreDb } from '@/inngest/runner/event-store';
import { postOrderHandler } from '@/server/api/orders-rest';
import { migrateDatabase } from '@/server/db/bootstrap';
import { createPrismaClient } from '@/server/db/client';
import { startEmbeddedPostgres } from '@/server/db/embedded';
import { ensureStoreDefaults, makeVariant } from '@/server/modules/checkout/checkout.fixtures';
import { cpuBetween, sampleCpu } from './machine-cpu';
import { serveHandler } from './serve-handler';
import { latencySummary, startShoppers } from './shoppers';

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

const round = (n: number) => Math.round(n * 100) / 100;

const target = await database();
await migrateDatabase(target.url);
const db = createPrismaClient(target.url, target.poolMax);
// The store as it is after its first start: published policies, the trained risk model in production.
await ensureStoreDefaults(db);
setEventStoreDb(db);
const handler = postOrderHandler({ db });
const server = await serveHandler('/api/v1/orders', handler);
const shoppers = startShoppers();

type Level = {
  p50: number;
  p95: number;
  p99: number;
  rps: number;
  errors: number;
  placed: number;
  outOfStock: number;
  oversell: number;
  cpuMsPerRequest: number | null;
  stealPct: number | null;
};
const levels: Record<string, Level> = {};
let oversellTotal = 0;

for (const concurrency of LEVELS) {
  const v = await makeVariant(db, { stock: STOCK, priceCents: 4_900 });
  const warm = await makeVariant(db, { stock: 10 });
  const before = sampleCpu();
  const run = await shoppers.runLevel({ base: server.base, sku: v.sku, warmSku: warm.sku, concurrency, requests: REQUESTS });
  const machine = cpuBetween(before, sampleCpu(), REQUESTS);
  for (const sample of run.errorSamples) console.error(`error: ${sample}`);
  const { latencies, seconds, errors, placed, outOfStock } = run;
  // Units sold = order lines of this variant on orders that were not cancelled.
  const sold = await db.orderLine.aggregate({
    _sum: { quantity: true },
    where: { variantId: v.variantId, order: { status: { notIn: ['cancelled'] } } },
  });
  const oversell = Math.max(0, (sold._sum.quantity ?? 0) - STOCK);
  oversellTotal += oversell;
  levels[String(concurrency)] = {
    ...latencySummary(latencies),
    rps: round(REQUESTS / seconds),
    errors,
    placed,
    outOfStock,
    oversell,
    ...machine,
  };
  console.log(`${concurrency} shoppers: ${JSON.stringify(levels[String(concurrency)])}`);
}

await shoppers.stop();
server.close();
await db.$disconnect();
await target.stop();
console.log(
  JSON.stringify({
    db: target.kind,
    oversell: oversellTotal,
    levels: Object.fromEntries(
      Object.entries(levels).map(([k, l]) => [k, { p50: l.p50, p95: l.p95, p99: l.p99, rps: l.rps, errors: l.errors, cpuMsPerRequest: l.cpuMsPerRequest, stealPct: l.stealPct }]),
    ),
    requestsPerLevel: REQUESTS,
    stockPerLevel: STOCK,
  }),
);
