// Processes and HTTP helpers for e2e/multi-instance.spec.ts: a scratch database on the
// Postgres server (TEST_DATABASE_URL), `next start` instances of the production build and
// `npm run worker` processes (scripts/worker.ts) on it. Plain Node: no browser involved.
import { spawn, type ChildProcess } from 'node:child_process';
import { createHmac, randomBytes } from 'node:crypto';
import path from 'node:path';
import pg from 'pg';

const ROOT = path.resolve(import.meta.dirname, '..');
const NEXT_BIN = path.join(ROOT, 'node_modules/next/dist/bin/next');

export const WEBHOOK_SECRET = 'whsec_cluster_test_only';
export const OWNER_PASSWORD = 'cluster-owner-password';
// A production build on a database server refuses to start without its field and identity
// keys (ADR 027), and every instance, worker and the prepare step must share them: fresh
// ones per run, set before anything is spawned so every child inherits them.
process.env.PII_ENCRYPTION_KEYS ||= `cluster:${randomBytes(32).toString('base64')}`;
process.env.IDENTITY_TOKEN_KEYS ||= `cluster:${randomBytes(32).toString('hex')}`;

export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export function databaseUrl(adminUrl: string, name: string): string {
  const u = new URL(adminUrl);
  u.pathname = `/${name}`;
  return u.toString();
}

export async function adminQuery(adminUrl: string, sql: string): Promise<void> {
  const c = new pg.Client({ connectionString: adminUrl });
  await c.connect();
  try {
    await c.query(sql);
  } finally {
    await c.end();
  }
}

/** Runs a tsx script to completion; resolves with its last stdout line parsed as JSON. */
export function runScript(
  script: string,
  args: string[],
  opts: { env?: Record<string, string>; onLine?: (line: string) => void } = {},
): Promise<unknown> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', path.join(ROOT, script), ...args], {
      cwd: ROOT,
      env: { ...process.env, ...opts.env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    let err = '';
    let pending = '';
    child.stdout.on('data', (b: Buffer) => {
      out += b.toString();
      pending += b.toString();
      const lines = pending.split('\n');
      pending = lines.pop() ?? '';
      for (const line of lines) opts.onLine?.(line);
    });
    child.stderr.on('data', (b: Buffer) => (err += b.toString()));
    child.on('exit', (code) => {
      if (code !== 0) return reject(new Error(`${script} exited ${code}: ${err.slice(-2000)}`));
      const last = out.trim().split('\n').pop() ?? '';
      try {
        resolve(JSON.parse(last));
      } catch {
        reject(new Error(`${script} printed no JSON: ${out.slice(-500)}`));
      }
    });
  });
}

export type Proc = { name: string; child: ChildProcess; output: () => string; exited: Promise<number | null> };

// Children run in their own process groups (`next start` forks next-server): signals go to the
// whole group, and a test runner that dies abruptly still takes them down.
const groups = new Set<number>();
process.once('exit', () => {
  for (const pid of groups) signalGroup(pid, 'SIGKILL');
});

function signalGroup(pid: number, signal: NodeJS.Signals): void {
  try {
    process.kill(-pid, signal);
  } catch {
    // already gone
  }
}

/** Sends a signal to the process and everything it started. */
export function kill(proc: Proc, signal: NodeJS.Signals): void {
  if (proc.child.pid) signalGroup(proc.child.pid, signal);
}

function track(name: string, child: ChildProcess): Proc {
  if (child.pid) groups.add(child.pid);
  let buf = '';
  const keep = (b: Buffer) => {
    buf = (buf + b.toString()).slice(-20_000);
  };
  child.stdout?.on('data', keep);
  child.stderr?.on('data', keep);
  const exited = new Promise<number | null>((r) =>
    child.once('exit', (code) => {
      if (child.pid) groups.delete(child.pid);
      r(code);
    }),
  );
  return { name, child, output: () => buf, exited };
}

/** Env shared by instances and workers: one database, one webhook secret, quiet logs. */
function commonEnv(url: string): NodeJS.ProcessEnv {
  return {
    ...process.env,
    DATABASE_URL: url,
    DATABASE_EMBEDDED: '0',
    DATABASE_POOL_MAX: '6',
    NEXT_TELEMETRY_DISABLED: '1',
    OTEL_SDK_DISABLED: 'true',
    LOG_LEVEL: 'warn',
    PAYMENTS_LOCAL_WEBHOOK_SECRET: WEBHOOK_SECRET,
    PAYMENTS_LOCAL_WEBHOOK_BACKOFF_MS: '200',
    CONSOLE_OWNER_PASSWORD: OWNER_PASSWORD,
  };
}

/** `next start` of the production build on a port; background work is left to the workers. */
export function startInstance(url: string, port: number, env: Record<string, string> = {}): Proc {
  const child = spawn(process.execPath, [NEXT_BIN, 'start', '-p', String(port)], {
    cwd: ROOT,
    env: {
      ...commonEnv(url),
      PORT: String(port),
      NEXT_MANUAL_SIG_HANDLE: '1',
      INNGEST_RUNNER: 'off',
      // The local provider posts this instance's payments' webhooks back to it.
      PAYMENTS_WEBHOOK_BASE_URL: `http://127.0.0.1:${port}`,
      CONSOLE_INSECURE_COOKIE: '1',
      SHUTDOWN_DRAIN_MS: '0',
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true,
  });
  return track(`instance :${port}`, child);
}

/** What `npm run worker` runs (scripts/worker.ts), as a direct child so SIGKILL reaches it. */
export function startWorker(url: string, env: Record<string, string> = {}): Proc & { workerId: Promise<string> } {
  const child = spawn(process.execPath, ['--import', 'tsx', path.join(ROOT, 'scripts/worker.ts')], {
    cwd: ROOT,
    env: { ...commonEnv(url), ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true,
  });
  const proc = track('worker', child);
  const workerId = new Promise<string>((resolve, reject) => {
    const onData = (b: Buffer) => {
      const m = /\[worker\] (\S+) running/.exec(proc.output() + b.toString());
      if (m) {
        child.stdout?.off('data', onData);
        resolve(m[1]!);
      }
    };
    child.stdout?.on('data', onData);
    void proc.exited.then((code) => reject(new Error(`worker exited ${code} before starting: ${proc.output().slice(-2000)}`)));
  });
  workerId.catch(() => undefined);
  return { ...proc, workerId };
}

export async function waitReady(base: string, proc: Proc, timeoutMs: number): Promise<void> {
  const t0 = Date.now();
  for (;;) {
    if (proc.child.exitCode !== null) throw new Error(`${proc.name} exited ${proc.child.exitCode}: ${proc.output().slice(-2000)}`);
    const ok = await fetch(`${base}/api/health/ready`)
      .then((r) => r.ok)
      .catch(() => false);
    if (ok) return;
    if (Date.now() - t0 > timeoutMs) throw new Error(`${proc.name} not ready after ${timeoutMs} ms: ${proc.output().slice(-2000)}`);
    await sleep(200);
  }
}

/** SIGTERM, then SIGKILL whatever is still running a moment later (whole process groups). */
export async function stopAll(procs: Proc[]): Promise<void> {
  for (const p of procs) kill(p, 'SIGTERM');
  await Promise.race([Promise.all(procs.map((p) => p.exited)), sleep(3_000)]);
  for (const p of procs) kill(p, 'SIGKILL');
}

/** Stripe's `t=…,v1=HMAC-SHA256(t.payload)` signature, as the local provider signs. */
export function signStripe(payload: string, secret: string, t = Math.floor(Date.now() / 1000)): string {
  const v1 = createHmac('sha256', secret).update(`${t}.${payload}`).digest('hex');
  return `t=${t},v1=${v1}`;
}

/** A Luhn-valid card the local provider authorises (4242… prefix), distinct per order. */
export { freshCard } from '@/server/modules/checkout/test-shoppers';

let ipSeq = 0;
/** Distinct client addresses: many orders from one card and IP would rightly look like fraud. */
export function freshIp(): string {
  ipSeq++;
  return `10.${(ipSeq >> 16) & 255}.${(ipSeq >> 8) & 255}.${(ipSeq & 255) + 1}`.replace(/\.256$/, '.1');
}

export { address as ADDRESS } from '@/server/modules/checkout/test-shoppers';

/** Runs `fn` over `items` with at most `limit` in flight. */
export async function pool<T, R>(items: T[], limit: number, fn: (item: T, i: number) => Promise<R>): Promise<R[]> {
  const out: R[] = new Array(items.length);
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(limit, items.length) }, async () => {
      while (next < items.length) {
        const i = next++;
        out[i] = await fn(items[i]!, i);
      }
    }),
  );
  return out;
}

export function shuffle<T>(xs: T[]): T[] {
  const a = xs.slice();
  for (let i = a.length - 1; i > 0; i--) {
    const j = Math.floor(Math.random() * (i + 1));
    [a[i], a[j]] = [a[j]!, a[i]!];
  }
  return a;
}
