// The embedded runner: polls Postgres for events to fan out, due crons and due jobs, and
// executes jobs by calling the SDK's serve handler in-process. Several drivers (processes)
// can share one database; jobs are leased, so a crashed driver's work resumes elsewhere.
import { context } from '@opentelemetry/api';
import { suppressTracing } from '@opentelemetry/core';
import type { Inngest, InngestFunction } from 'inngest';
import { serve } from 'inngest/next';
import type { PrismaClient } from '@/server/db/generated/client';
import { newId } from '@/server/lib/ids';
import { logger } from '@/server/observability/logger';
import { fireDueCrons, syncCrons } from './crons';
import { setEventStoreDb } from './event-store';
import { executeJob, type ExecContext } from './execute';
import { fanOutEvents } from './fanout';
import { functionConfigs } from './function-configs';
import { claimJobs, extendLease, releaseLeases } from './queue';

const runnerLog = logger.child({ component: 'runner' });

export type RunnerOptions = {
  db: PrismaClient;
  client: Inngest.Any;
  functions: InngestFunction.Any[];
  pollMs?: number;
  /** Jobs executed at once by this driver. */
  parallelism?: number;
  leaseMs?: number;
  backoffBaseMs?: number;
  log?: (msg: string, err?: unknown) => void;
};

export type Runner = {
  /** One pass: fan out events, fire crons, run a batch of due jobs. Returns work done. */
  tick: (opts?: { wait?: boolean }) => Promise<number>;
  start: () => void;
  /**
   * Stops taking work and waits for running jobs (abandon: return at once, as a crash would).
   * With `timeoutMs`, jobs still running then have their leases released so another worker
   * takes them at once (their completed steps are memoized); resolves false in that case.
   */
  stop: (opts?: { abandon?: boolean; timeoutMs?: number }) => Promise<boolean>;
  /** True while polling. */
  isRunning: () => boolean;
  /** Jobs executing right now. */
  inFlight: () => number;
  workerId: string;
};

export function createRunner(opts: RunnerOptions): Runner {
  const { db } = opts;
  const workerId = newId('wkr');
  const pollMs = opts.pollMs ?? 250;
  const parallelism = opts.parallelism ?? 4;
  const leaseMs = opts.leaseMs ?? 30_000;
  const log = opts.log ?? ((msg, err) => runnerLog.error({ err, workerId }, msg));
  const configs = functionConfigs(opts.client.id, opts.functions);
  const concurrency = new Map([...configs.values()].filter((c) => c.concurrencyLimit).map((c) => [c.id, c.concurrencyLimit!]));
  const ctx: ExecContext = {
    db,
    handler: serve({ client: opts.client, functions: opts.functions }),
    configs,
    backoffBaseMs: opts.backoffBaseMs ?? 1000,
    stopping: () => stopping,
  };
  setEventStoreDb(db);

  let synced: Promise<void> | undefined;
  let running = false;
  let stopping = false;
  let stopped = false;
  let loop: Promise<void> | undefined;
  const inFlight = new Set<Promise<void>>();
  const heartbeats = new Set<NodeJS.Timeout>();

  async function runJob(job: Awaited<ReturnType<typeof claimJobs>>[number]) {
    const beat = setInterval(() => void extendLease(db, job.id, workerId, leaseMs).catch(() => undefined), leaseMs / 3);
    heartbeats.add(beat);
    try {
      await executeJob(ctx, job);
    } catch (err) {
      // The lease runs out and the job is retried by whichever driver claims it next.
      if (!stopped) log(`job ${job.id} (${job.functionId}) crashed`, err);
    } finally {
      clearInterval(beat);
      heartbeats.delete(beat);
    }
  }

  async function tick({ wait = true }: { wait?: boolean } = {}): Promise<number> {
    synced ??= syncCrons(db, configs);
    await synced;
    let work = await fanOutEvents(db, configs);
    work += await fireDueCrons(db, configs);
    const free = parallelism - inFlight.size;
    if (free > 0) {
      const jobs = await claimJobs(db, { worker: workerId, limit: free, leaseMs, concurrency });
      work += jobs.length;
      const started = jobs.map((job) => {
        const p = runJob(job).finally(() => inFlight.delete(p));
        inFlight.add(p);
        return p;
      });
      if (wait) await Promise.all(started);
    }
    return work;
  }

  async function poll() {
    while (running) {
      let work = 0;
      try {
        // Polling queries are not traced (four idle polls a second would flood the exporter);
        // each job restores its own trace context (execute.ts), so its work still is.
        work = await context.with(suppressTracing(context.active()), () => tick({ wait: false }));
      } catch (err) {
        if (running) log('tick failed', err);
      }
      if (running && work === 0) await new Promise((r) => setTimeout(r, pollMs));
    }
  }

  return {
    tick,
    workerId,
    start() {
      if (running) return;
      running = true;
      stopping = false;
      loop = poll();
    },
    isRunning: () => running,
    inFlight: () => inFlight.size,
    async stop({ abandon = false, timeoutMs } = {}) {
      running = false;
      stopping = true;
      if (abandon) {
        stopped = true;
        for (const b of heartbeats) clearInterval(b);
        return false;
      }
      await loop;
      if (timeoutMs === undefined) {
        await Promise.all(inFlight);
        return true;
      }
      let timer: NodeJS.Timeout | undefined;
      const finished = await Promise.race([
        Promise.all(inFlight).then(() => true),
        new Promise<boolean>((r) => (timer = setTimeout(() => r(false), timeoutMs))),
      ]);
      clearTimeout(timer);
      if (!finished) {
        stopped = true;
        for (const b of heartbeats) clearInterval(b);
        await releaseLeases(db, workerId);
      }
      return finished;
    },
  };
}
