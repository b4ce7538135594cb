// `npm run bench:runner`: how much the embedded Inngest runner takes. (1) Shopper events
// ingested per second through the ingestion module (batches of 100). (2) Steps executed per
// second: runs of a 5-step function with 1 and 2 worker processes. On a real server set
// BENCH_DATABASE_URL (a scratch database: tables are truncated); without it an in-memory
// embedded Postgres with one connection and one in-process driver is used (a second
// process on the embedded database is not a supported setup, ADR 006).
// Prints a JSON summary as its last line.
import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { createRunner } from '@/inngest/runner/driver';
import { createPrismaClient } from '@/server/db/client';
import { ingestEvents } from '@/server/modules/events/ingest-events';
import { insertEvents } from '@/server/modules/events/insert-events';
import { openBenchDatabase } from './bench-database';
import { benchClient, fiveSteps, STEPS } from './runner/five-steps';

const EVENTS = Number(process.env.BENCH_EVENTS ?? 5000);
const RUNS = Number(process.env.BENCH_RUNS ?? 200);

const bench = await openBenchDatabase();
const url = bench.url;
const embedded = bench.embedded;
const poolMax = bench.poolMax;

async function reset(db: ReturnType<typeof createPrismaClient>) {
  await db.$executeRawUnsafe(`TRUNCATE events, event_rejections, job_runs, job_steps, job_queue, job_waits, job_crons`);
}

async function benchIngest() {
  const db = createPrismaClient(url, poolMax);
  await reset(db);
  const t0 = performance.now();
  for (let i = 0; i < EVENTS; i += 100) {
    const batch = Array.from({ length: Math.min(100, EVENTS - i) }, (_, j) => ({
      id: `bench-${i + j}-${Date.now()}`, name: 'shopper/page.viewed', data: { path: `/p/${j}` },
    }));
    await ingestEvents(db, batch, { publish: async () => undefined });
  }
  const s = (performance.now() - t0) / 1000;
  await db.$disconnect();
  return { events: EVENTS, seconds: +s.toFixed(2), eventsPerSec: Math.round(EVENTS / s) };
}

/** Starts the drivers: in-process when embedded, else worker processes (started before the clock). */
async function startWorkers(workers: number): Promise<() => Promise<void>> {
  if (embedded) {
    const db = createPrismaClient(url, poolMax);
    const r = createRunner({ db, client: benchClient, functions: [fiveSteps], pollMs: 10, parallelism: 1, log: () => undefined });
    r.start();
    return async () => {
      await r.stop();
      await db.$disconnect();
    };
  }
  const children: ChildProcess[] = [];
  await Promise.all(
    Array.from({ length: workers }, () => new Promise<void>((resolve, reject) => {
      const child = spawn(process.execPath, ['--import', 'tsx', path.resolve(import.meta.dirname, 'runner/worker.ts')], {
        env: { ...process.env, BENCH_DATABASE_URL: url }, stdio: ['ignore', 'pipe', 'inherit'],
      });
      children.push(child);
      child.stdout!.on('data', (b: Buffer) => b.toString().includes('ready') && resolve());
      child.once('exit', (code) => reject(new Error(`worker exited ${code}`)));
    })),
  );
  return async () => {
    await Promise.all(children.map((c) => new Promise((r) => { c.removeAllListeners('exit'); c.once('exit', r); c.kill('SIGTERM'); })));
  };
}

async function benchSteps(workers: number) {
  const db = createPrismaClient(url, poolMax);
  await reset(db);
  const stop = await startWorkers(workers);
  const t0 = performance.now();
  await insertEvents(db, Array.from({ length: RUNS }, (_, n) => ({ name: 'bench/go', data: { n } })));
  for (;;) {
    const rows = await db.$queryRawUnsafe<{ n: number }[]>(`SELECT count(*)::int AS n FROM job_runs WHERE status = 'completed'`);
    if (rows[0]!.n >= RUNS) break;
    await new Promise((r) => setTimeout(r, 50));
  }
  const s = (performance.now() - t0) / 1000;
  await stop();
  await db.$disconnect();
  const steps = RUNS * STEPS;
  return { workers, runs: RUNS, steps, seconds: +s.toFixed(2), stepsPerSec: Math.round(steps / s), runsPerSec: +(RUNS / s).toFixed(1) };
}

const ingest = await benchIngest();
console.log('ingest', ingest);
const one = await benchSteps(1);
console.log('steps, 1 driver', one);
const two = embedded ? null : await benchSteps(2);
if (two) console.log('steps, 2 drivers', two);
await bench.stop();
console.log(JSON.stringify({ bench: 'runner', database: embedded ? 'embedded (PGlite, pool 1)' : 'postgres', ingest, steps: { oneWorker: one, twoWorkers: two } }));
