// `npx tsx scripts/bench/checkout-roundtrips.ts`: statements sent to Postgres per order placed
// through POST /api/v1/orders (sequential, so every statement belongs to the order in flight),
// with a breakdown by statement, and per out-of-stock refusal (the other half of bench:checkout). Database: BENCH_DATABASE_URL (scratch db) or embedded. Last line: JSON.
import { parseArgs } from 'node:util';
import { setEventStoreDb } from '@/inngest/runner/event-store';
import { postOrderHandler } from '@/server/api/orders-rest';
import { createPrismaClient } from '@/server/db/client';
import { installQueryCounter } from '@/server/db/query-counter';
import { address, ensureStoreDefaults, freshCard, freshIp, makeVariant } from '@/server/modules/checkout/checkout.fixtures';
import { flushRiskSignalWrites } from '@/server/modules/risk/assess-checkout-risk';
import { openBenchDatabase } from './bench-database';

process.env.RATE_LIMITS = process.env.RATE_LIMITS ?? 'on';
const { values } = parseArgs({ options: { orders: { type: 'string', default: '20' }, verbose: { type: 'boolean', default: false } } });
const ORDERS = Number(values.orders);

const target = await openBenchDatabase();
const db = createPrismaClient(target.url, target.poolMax);
await ensureStoreDefaults(db);
setEventStoreDb(db);
const handler = postOrderHandler({ db });
const v = await makeVariant(db, { stock: ORDERS + 10, priceCents: 4_900 });
const soldOut = await makeVariant(db, { stock: 0, priceCents: 4_900 });
const counter = installQueryCounter();

async function place(i: number, sku = v.sku, expect = 201) {
  const res = await handler(
    new Request('http://127.0.0.1/api/v1/orders', {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'idempotency-key': `rt-${i}-${Date.now()}`, 'x-forwarded-for': freshIp() },
      body: JSON.stringify({ lines: [{ sku, quantity: 1 }], email: `rt-${i}-${Date.now()}@example.com`, shippingAddress: address, paymentMethod: freshCard() }),
    }),
  );
  if (res.status !== expect) throw new Error(`order ${i}: ${res.status} ${await res.text()}`);
}

for (let i = 0; i < 3; i++) await place(-1 - i); // warm-up: caches, prepared plans
await flushRiskSignalWrites();
const perOrder: number[] = [];
let lastLog: string[] = [];
for (let i = 0; i < ORDERS; i++) {
  counter.reset();
  await place(i);
  await flushRiskSignalWrites();
  // Writes finished after the response (deferred) still count: they are round trips of this order.
  await new Promise((r) => setTimeout(r, 20));
  perOrder.push(counter.count());
  lastLog = counter.statements();
}
const perRefusal: number[] = [];
for (let i = 0; i < ORDERS; i++) {
  counter.reset();
  await place(1_000 + i, soldOut.sku, 409);
  await new Promise((r) => setTimeout(r, 20));
  perRefusal.push(counter.count());
  if (i === ORDERS - 1 && values.verbose) lastLog.push('-- refusal --', ...counter.statements());
}
if (values.verbose) for (const s of lastLog) console.log(s);
perOrder.sort((a, b) => a - b);
perRefusal.sort((a, b) => a - b);
const spread = (xs: number[]) => ({ min: xs[0], median: xs[Math.floor(xs.length / 2)], max: xs.at(-1) });
await db.$disconnect();
await target.stop();
console.log(JSON.stringify({ db: target.embedded ? 'embedded' : 'server', orders: ORDERS, roundTripsPerOrder: spread(perOrder), roundTripsPerRefusal: spread(perRefusal) }));
