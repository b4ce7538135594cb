// `npm run bench:checkout-floor`: what bench:checkout's door, load and round trips cost with
// no checkout logic at all, on this machine. Same shoppers (worker thread, same bodies), same
// node:http → Request → Response path, same pool size; the handler parses the JSON body and
// sends N trivial statements (`SELECT $1::int`) one after another, as many as a real order
// sends (16 for a placed order, 5 for an out-of-stock refusal: checkout-roundtrips.ts),
// answering 201 for the first stock-share of each level and 409 "out of stock" after. The
// real bench can be no faster than this floor; ADR 038 reads the two side by side.
// With DATABASE_URL on that server, else embedded. Last line: JSON.
import { parseArgs } from 'node:util';
import pg from 'pg';
import { startEmbeddedPostgres } from '@/server/db/embedded';
import { cpuBetween, sampleCpu } from './machine-cpu';
import { serveHandler } from './serve-handler';
import { latencySummary, startShoppers } from './shoppers';

const { values } = parseArgs({
  options: {
    requests: { type: 'string', default: '240' },
    'stock-share': { type: 'string', default: '0.5' },
    levels: { type: 'string', default: '1,8,32' },
    'placed-statements': { type: 'string', default: '16' },
    'refused-statements': { type: 'string', default: '5' },
  },
});
const REQUESTS = Number(values.requests);
const LEVELS = values.levels!.split(',').map(Number);
const STOCK = Math.max(1, Math.floor(REQUESTS * Number(values['stock-share'])));
const PLACED = Number(values['placed-statements']);
const REFUSED = Number(values['refused-statements']);

const embedded = process.env.DATABASE_URL ? null : await startEmbeddedPostgres();
const pool = new pg.Pool({
  connectionString: embedded?.url ?? process.env.DATABASE_URL,
  max: embedded ? 1 : Number(process.env.DATABASE_POOL_MAX ?? 10),
});

let left = 0;
async function handler(req: Request): Promise<Response> {
  const body = (await req.json()) as { lines?: { sku: string; quantity: number }[] };
  const placed = left > 0;
  if (placed) left--;
  const n = placed ? PLACED : REFUSED;
  for (let i = 0; i < n; i++) await pool.query({ name: 'floor', text: 'SELECT $1::int AS n', values: [i] });
  return placed
    ? Response.json({ outcome: 'placed', order: { lines: body.lines ?? [] } }, { status: 201 })
    : Response.json({ error: { code: 'CONFLICT', message: 'Sorry, that item is out of stock' } }, { status: 409 });
}

const server = await serveHandler('/api/v1/orders', handler);
const shoppers = startShoppers();
const round = (n: number) => Math.round(n * 100) / 100;
const levels: Record<string, ReturnType<typeof latencySummary> & { rps: number; errors: number; cpuMsPerRequest: number | null; stealPct: number | null }> = {};
for (const concurrency of LEVELS) {
  // The shoppers' three warm-up requests come first: give them stock too.
  left = STOCK + 3;
  const before = sampleCpu();
  const run = await shoppers.runLevel({ base: server.base, sku: 'FLOOR', warmSku: 'FLOOR-WARM', concurrency, requests: REQUESTS });
  const machine = cpuBetween(before, sampleCpu(), REQUESTS);
  levels[String(concurrency)] = { ...latencySummary(run.latencies), rps: round(REQUESTS / run.seconds), errors: run.errors, ...machine };
  console.log(`${concurrency} shoppers: ${JSON.stringify(levels[String(concurrency)])}`);
}
await shoppers.stop();
server.close();
await pool.end();
await embedded?.stop();
console.log(JSON.stringify({ db: embedded ? 'embedded' : 'server', placedStatements: PLACED, refusedStatements: REFUSED, levels, requestsPerLevel: REQUESTS, stockPerLevel: STOCK }));
