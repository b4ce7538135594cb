// `npx tsx scripts/bench/checkout-profile.ts [--orders 100]`: where one order's CPU goes, stage
// by stage (ADR 025). Orders are placed one at a time through the REST handler, so every CPU
// microsecond between two stage marks (server/observability/stage-marks.ts) belongs to that
// stage: Node's from process.cpuUsage(), Postgres's from /proc/<pid>/schedstat of this
// database's backends (Postgres on this machine; else its column is null). Database:
// BENCH_DATABASE_URL (migrated in place: point it at a scratch database) or embedded.
// On a shared machine compare shares, not absolute ms. Last line: JSON.
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import pg from 'pg';
import { setEventStoreDb } from '@/inngest/runner/event-store';
import { postOrderHandler } from '@/server/api/orders-rest';
import { createPrismaClient } from '@/server/db/client';
import { flushDecisionLog } from '@/server/decisions/decision-log';
import { address, ensureStoreDefaults, freshCard, freshIp, makeVariant } from '@/server/modules/checkout/checkout.fixtures';
import { flushRiskSignalWrites } from '@/server/modules/risk/assess-checkout-risk';
import { setStageHook } from '@/server/observability/stage-marks';
import { openBenchDatabase } from './bench-database';

process.env.RATE_LIMITS = process.env.RATE_LIMITS ?? 'on';
const { values } = parseArgs({ options: { orders: { type: 'string', default: '100' } } });
const ORDERS = Number(values.orders);

const target = await openBenchDatabase();
const db = createPrismaClient(target.url, target.poolMax);
await ensureStoreDefaults(db);
setEventStoreDb(db);
const handler = postOrderHandler({ db });
const v = await makeVariant(db, { stock: ORDERS + 10, priceCents: 4_900 });
const monitor = new pg.Client({ connectionString: target.url });
await monitor.connect();

let backends: number[] = [];
async function refreshBackends() {
  const r = await monitor.query<{ pid: number }>(
    'SELECT pid FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid()',
  );
  backends = r.rows.map((x) => x.pid);
}
let pgReadable = true;
function pgCpuNs(): number {
  let ns = 0;
  for (const pid of backends) {
    try {
      ns += Number(readFileSync(`/proc/${pid}/schedstat`, 'utf8').split(' ')[0]);
    } catch {
      if (!target.embedded) pgReadable = backends.length > 0 && pgReadable;
    }
  }
  return ns;
}
const nodeCpuUs = () => {
  const u = process.cpuUsage();
  return u.user + u.system;
};

const node = new Map<string, number>();
const pgc = new Map<string, number>();
const order: string[] = [];
let last = { node: 0, pg: 0 };
function hook(stage: string) {
  const n = nodeCpuUs();
  const p = pgCpuNs() / 1000;
  if (!node.has(stage)) order.push(stage);
  node.set(stage, (node.get(stage) ?? 0) + n - last.node);
  pgc.set(stage, (pgc.get(stage) ?? 0) + p - last.pg);
  last = { node: nodeCpuUs(), pg: p };
}

async function place(i: number, key: string) {
  const res = await handler(
    new Request('http://127.0.0.1/api/v1/orders', {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'idempotency-key': key, 'x-forwarded-for': freshIp() },
      body: JSON.stringify({ lines: [{ sku: v.sku, quantity: 1 }], email: `prof-${key}@example.com`, shippingAddress: address, paymentMethod: freshCard() }),
    }),
  );
  if (res.status !== 201) throw new Error(`order ${i}: ${res.status} ${await res.text()}`);
  await res.arrayBuffer();
}

for (let i = 0; i < 5; i++) await place(-1 - i, `warm-${i}-${Date.now()}`); // caches, prepared plans, pool
await flushRiskSignalWrites();
await flushDecisionLog();
await refreshBackends();
// Calibration: what two marks in a row cost (the readings themselves), subtracted per stage.
setStageHook(hook);
last = { node: nodeCpuUs(), pg: pgCpuNs() / 1000 };
for (let i = 0; i < 200; i++) hook('(calibration)');
const markCostUs = node.get('(calibration)')! / 200;
node.clear();
pgc.clear();
order.length = 0;

const started = performance.now();
for (let i = 0; i < ORDERS; i++) {
  if (i % 10 === 0) {
    setStageHook(null);
    await refreshBackends();
    setStageHook(hook);
  }
  last = { node: nodeCpuUs(), pg: pgCpuNs() / 1000 };
  await place(i, `prof-${i}-${Date.now()}`);
  hook('(after the handler: HTTP response body)');
  await flushRiskSignalWrites();
  await flushDecisionLog();
  hook('deferred: decision log, risk signal update');
}
const wallMs = performance.now() - started;
setStageHook(null);

const rows = order.map((stage) => ({
  stage,
  nodeMs: Math.max(0, node.get(stage)! / ORDERS - markCostUs) / 1000,
  pgMs: pgReadable ? pgc.get(stage)! / ORDERS / 1000 : null,
}));
const totalNode = rows.reduce((a, r) => a + r.nodeMs, 0);
const totalPg = rows.reduce((a, r) => a + (r.pgMs ?? 0), 0);
const r2 = (x: number) => Math.round(x * 100) / 100;
console.log('stage'.padEnd(46), 'node ms', ' pg ms', ' share');
for (const r of rows)
  console.log(r.stage.padEnd(46), r.nodeMs.toFixed(2).padStart(7), (r.pgMs ?? 0).toFixed(2).padStart(6), `${((100 * (r.nodeMs + (r.pgMs ?? 0))) / (totalNode + totalPg)).toFixed(1).padStart(5)}%`);
console.log('total'.padEnd(46), totalNode.toFixed(2).padStart(7), totalPg.toFixed(2).padStart(6));
await monitor.end();
await db.$disconnect();
await target.stop();
const load = (await import('node:os')).loadavg().map(r2);
console.log(
  JSON.stringify({
    db: target.embedded ? 'embedded' : 'server',
    orders: ORDERS,
    wallMsPerOrder: r2(wallMs / ORDERS),
    cpuMsPerOrder: { node: r2(totalNode), postgres: pgReadable ? r2(totalPg) : null },
    stages: Object.fromEntries(rows.map((r) => [r.stage, { node: r2(r.nodeMs), pg: r.pgMs === null ? null : r2(r.pgMs) }])),
    loadAverage: load,
  }),
);
