// `npm start` / `npm run dev`: one command from a fresh clone to a running store.
// Without DATABASE_URL it serves an embedded Postgres (PGlite + pgvector) from .data/pg;
// it migrates, seeds once, builds when sources changed, then runs Next.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import {
  encryptPlaintextContacts,
  ensureConsoleOwner,
  ensureDecisionDefaults,
  ensureRecsModels,
  indexSearch,
  migrateDatabase,
  seedIfEmpty,
} from '@/server/db/bootstrap';
import { startEmbeddedPostgres, type EmbeddedPostgres } from '@/server/db/embedded';
import { checkDataKeys } from '@/server/lib/key-config';

const t0 = performance.now();
const { values } = parseArgs({ options: { dev: { type: 'boolean', default: false } } });
if (existsSync('.env')) process.loadEnvFile('.env');
const log = (msg: string) => console.log(`[start] ${msg}`);
const seconds = () => `${((performance.now() - t0) / 1000).toFixed(1)}s`;

let embedded: EmbeddedPostgres | undefined;
// A signal during setup (before Next runs): close the embedded database cleanly and leave.
const earlyStop = () => void shutdown(0);
process.once('SIGTERM', earlyStop);
process.once('SIGINT', earlyStop);
let url = process.env.DATABASE_URL;
// Personal data is encrypted at rest (ADR 027): `npm start` against a database server serves a
// production build, which refuses the public development keys; fail here, before building.
try {
  const missing = checkDataKeys({ ...process.env, NODE_ENV: values.dev ? 'development' : 'production', DATABASE_EMBEDDED: url ? '0' : '1' });
  if (missing.length) log(`using the public development keys for ${missing.join(' and ')} (fine on this machine; set them before sharing the database)`);
} catch (err) {
  console.error(`[start] ${(err as Error).message}`);
  process.exit(1);
}
const dataDir = path.resolve(process.env.DATA_DIR ?? '.data');
const lockFile = path.join(dataDir, 'pg.lock');

if (!url) {
  acquireLock();
  embedded = await startEmbeddedPostgres({
    dataDir: path.join(dataDir, 'pg'),
    port: Number(process.env.EMBEDDED_DB_PORT ?? 0),
  });
  url = embedded.url;
  log(
    `embedded Postgres (PGlite + pgvector) at ${url} — data in ${path.relative(process.cwd(), dataDir)}/pg (${seconds()})`,
  );
} else {
  log(`using DATABASE_URL (${new URL(url).host})`);
}

try {
  const migrated = await migrateDatabase(url);
  log(`migrations: ${migrated.applied.length} applied, ${migrated.alreadyApplied} already applied (${seconds()})`);
  const sealed = await encryptPlaintextContacts(url);
  const { customers, orders, shoppers, cart_recovery_contacts: contacts, mail_outbox: mail, webhook_endpoints: hooks } = sealed;
  if (customers.updated + orders.updated + shoppers.updated + contacts.updated + mail.updated + hooks.updated) {
    log(
      `encrypted contact data at rest: ${customers.updated} customers, ${orders.updated} orders, ${shoppers.updated} shopper accounts, ` +
        `${contacts.updated} reminder contacts, ${mail.updated} mail recipients, ${hooks.updated} webhook secrets (${seconds()})`,
    );
  }
  const seeded = await seedIfEmpty(url);
  log(
    seeded.skipped
      ? `seed skipped: ${seeded.reason}`
      : `seeded ${seeded.created} products from ${path.basename(seeded.source)} (${seconds()})`,
  );
  const search = await indexSearch(url, (done, total) =>
    process.stdout.write(`\r[start] embedding products ${progressBar(done, total)}`),
  );
  if (search.embedded) process.stdout.write('\n');
  log(`search index: ${search.indexed} documents, ${search.embedded} new vectors (${search.embedder}) (${seconds()})`);
  const recs = await ensureRecsModels(url);
  if (recs.created.length) log(`recommendation models registered: ${recs.created.join(', ')}`);
  const owner = await ensureConsoleOwner(url);
  // Printed once, on the start that created the account; it is stored only as a hash.
  if (owner.created && owner.generated)
    log(`console owner created: ${owner.email} / ${owner.password} (shown once; change it after signing in)`);
  else if (owner.created) log(`console owner created: ${owner.email} (password from CONSOLE_OWNER_PASSWORD)`);
  const defaults = await ensureDecisionDefaults(url);
  if (defaults.policies.length) log(`published default policies: ${defaults.policies.join(', ')}`);
  if (defaults.riskModel)
    log(
      `trained the risk model (held-out AUC ${defaults.riskModel.auc.toFixed(3)}, ${defaults.riskModel.trainMs} ms) and made it the production risk_score version (${seconds()})`,
    );
  if (defaults.discountModel) log('registered the discount offer heuristic as the production discount_offer version');
} catch (err) {
  console.error(`[start] database setup failed: ${(err as Error).message}`);
  await shutdown(1);
}

const env = {
  ...process.env,
  DATABASE_URL: url,
  DATABASE_EMBEDDED: embedded ? '1' : '0',
  NEXT_TELEMETRY_DISABLED: '1',
  // The app's own handler (instrumentation.ts → server/lib/graceful-shutdown.ts) drains
  // requests and runner steps before exiting 0; Next's would exit 143 without waiting for steps.
  ...(values.dev ? {} : { NEXT_MANUAL_SIG_HANDLE: '1' }),
};
const port = process.env.PORT ?? '3000';
const NEXT_BIN = path.resolve('node_modules/next/dist/bin/next');

if (!values.dev && buildIsStale()) {
  log('building the app (sources changed since the last build)…');
  const build = spawnSync(process.execPath, [NEXT_BIN, 'build'], { stdio: 'inherit', env });
  if (build.status !== 0) await shutdown(build.status ?? 1);
  log(`build done (${seconds()})`);
}

// Next runs as our direct child (no npx in between), so signals we forward reach it.
const next = spawn(process.execPath, [NEXT_BIN, values.dev ? 'dev' : 'start', '-p', port], {
  stdio: ['inherit', 'pipe', 'inherit'],
  env,
});
next.stdout.on('data', (chunk: Buffer) => {
  process.stdout.write(chunk);
  if (/Ready in|✓ Ready/.test(chunk.toString()))
    log(`storefront http://localhost:${port} · console http://localhost:${port}/console · cold start ${seconds()}`);
});
next.on('exit', (code) => void shutdown(code ?? 0));
// If we die some other way, don't leave Next running without its database.
process.on('exit', () => next.kill('SIGTERM'));
process.off('SIGTERM', earlyStop);
process.off('SIGINT', earlyStop);
// Forward the signal; if Next has not finished within its own bound (plus slack), kill it so
// the embedded database still closes cleanly and the process exits in bounded time.
const shutdownBoundMs = Number(process.env.SHUTDOWN_TIMEOUT_MS ?? 25_000) + Number(process.env.SHUTDOWN_DRAIN_MS ?? 0) + 5_000;
for (const sig of ['SIGINT', 'SIGTERM'] as const) {
  process.on(sig, () => {
    log(`${sig}: finishing in-flight requests and automation steps`);
    next.kill(sig);
    setTimeout(() => next.kill('SIGKILL'), shutdownBoundMs).unref();
  });
}

async function shutdown(code: number): Promise<never> {
  if (embedded) {
    // A clean close checkpoints PGlite; an abrupt kill can leave the data dir needing recovery.
    await embedded.stop().catch(() => undefined);
    rmSync(lockFile, { force: true });
  }
  process.exit(code);
}

/** Two PGlite processes on one data dir corrupt it: refuse a second `npm start`. */
function acquireLock() {
  if (existsSync(lockFile)) {
    const pid = Number(readFileSync(lockFile, 'utf8'));
    if (pid && isAlive(pid)) {
      console.error(`[start] ${dataDir}/pg is in use by process ${pid}. Stop it first, or set DATA_DIR.`);
      process.exit(1);
    }
  }
  mkdirSync(dataDir, { recursive: true });
  writeFileSync(lockFile, String(process.pid), { flag: 'w' });
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/** True when there is no build, or a source file is newer than it. */
function buildIsStale(): boolean {
  const buildId = '.next/BUILD_ID';
  if (!existsSync(buildId)) return true;
  const built = statSync(buildId).mtimeMs;
  const roots = [
    'app',
    'components',
    'server',
    'proxy.ts',
    'next.config.js',
    'package-lock.json',
    'postcss.config.mjs',
  ];
  return roots.some((r) => existsSync(r) && newestMtime(r) > built);
}

function newestMtime(p: string): number {
  const st = statSync(p);
  if (!st.isDirectory()) return st.mtimeMs;
  return readdirSync(p)
    .filter((name) => name !== 'generated')
    .reduce((max, name) => Math.max(max, newestMtime(path.join(p, name))), st.mtimeMs);
}

function progressBar(done: number, total: number): string {
  const width = 30;
  const filled = Math.round((done / Math.max(total, 1)) * width);
  return `[${'#'.repeat(filled)}${'.'.repeat(width - filled)}] ${done}/${total}`;
}
