// `npm run worker`: the embedded Inngest runner as its own process, against DATABASE_URL.
// For a real Postgres server only: several workers (and app instances) share the queue via
// FOR UPDATE SKIP LOCKED. It refuses the embedded database — PGlite's socket server
// multiplexes connections message by message (ADR 001), so a second process's pool is not
// proven safe; with `npm start` the runner already runs inside the app.
import { existsSync } from 'node:fs';
import path from 'node:path';
import { inngest } from '@/inngest/client';
import { functions } from '@/inngest/index';
import { inngestMode } from '@/inngest/mode';
import { runWorkerProcess } from '@/inngest/runner/worker-process';
import { databaseConfig } from '@/server/db/config';
import { getDb } from '@/server/db/client';
import { startCacheBus } from '@/server/lib/cache-bus';
import { onShutdown } from '@/server/lib/graceful-shutdown';

if (existsSync('.env')) process.loadEnvFile('.env');
const fail = (msg: string): never => {
  console.error(`[worker] ${msg}`);
  process.exit(1);
};

if (inngestMode() !== 'embedded') fail('Inngest keys are configured: Inngest runs the functions through /api/inngest; no worker needed.');
if (!process.env.DATABASE_URL) {
  const lock = path.resolve(process.env.DATA_DIR ?? '.data', 'pg.lock');
  fail(
    existsSync(lock)
      ? 'the embedded database is in use by `npm start`, which already runs the automations in-process.'
      : 'set DATABASE_URL to a Postgres server. The embedded database runs its automations inside `npm start`.',
  );
}
const config = databaseConfig();
if (config.embedded) fail('DATABASE_EMBEDDED=1: a separate worker on the embedded database is not supported (ADR 001, ADR 006).');

// Workers run decisions and searches too: their caches follow changes made on app instances.
const bus = startCacheBus({ db: getDb, listenUrl: config.url });
onShutdown('cache bus', () => bus.stop());
const runner = runWorkerProcess({ db: getDb(), client: inngest, functions, parallelism: Number(process.env.WORKER_PARALLELISM ?? 4),
  // How long a killed worker's jobs stay claimed before another worker takes them over.
  leaseMs: Number(process.env.INNGEST_RUNNER_LEASE_MS ?? 30_000),
  pollMs: Number(process.env.INNGEST_RUNNER_POLL_MS ?? 250),
});
console.log(`[worker] ${runner.workerId} running ${functions.length} functions against ${new URL(config.url).host}`);
