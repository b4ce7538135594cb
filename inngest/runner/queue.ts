// The job queue: rows due at run_at, claimed under a lease with FOR UPDATE SKIP LOCKED so
// any number of workers can share it; a crashed worker's jobs come back when the lease ends.
import type { Db } from '@/server/db/client';
import type { PrismaClient } from '@/server/db/generated/client';
import { newId } from '@/server/lib/ids';

export type JobKind = 'run' | 'sleep' | 'wait-timeout';

export type Job = {
  id: string;
  runId: string;
  functionId: string;
  kind: JobKind;
  stepId: string | null;
  attempt: number;
};

type JobRow = { id: string; run_id: string; function_id: string; kind: JobKind; step_id: string | null; attempt: number };

const toJob = (r: JobRow): Job => ({ id: r.id, runId: r.run_id, functionId: r.function_id, kind: r.kind, stepId: r.step_id, attempt: r.attempt });

export async function enqueue(
  db: Db,
  job: { runId: string; functionId: string; kind: JobKind; stepId?: string | null; key: string; delayMs?: number; attempt?: number },
): Promise<boolean> {
  const n = await db.$executeRawUnsafe(
    `INSERT INTO job_queue (id, run_id, function_id, kind, step_id, key, attempt, run_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7, now() + make_interval(secs => $8::float8 / 1000))
     ON CONFLICT (key) DO NOTHING`,
    newId('job'), job.runId, job.functionId, job.kind, job.stepId ?? null, job.key, job.attempt ?? 0, job.delayMs ?? 0,
  );
  return n > 0;
}

/**
 * Asks for the run to be continued (its next request to the SDK). One continuation per run
 * exists at a time, so two workers never execute the same sequential step; if it is running
 * right now, `again` makes it go round once more when it finishes.
 */
export async function enqueueContinue(db: Db, runId: string, functionId: string, attempt = 0): Promise<void> {
  await db.$executeRawUnsafe(
    `INSERT INTO job_queue (id, run_id, function_id, kind, key, attempt)
     VALUES ($1, $2, $3, 'run', 'cont:' || $2, $4)
     ON CONFLICT (key) DO UPDATE
       SET again = job_queue.again OR (job_queue.locked_until IS NOT NULL AND job_queue.locked_until > now()),
           run_at = LEAST(job_queue.run_at, now()),
           attempt = GREATEST(job_queue.attempt, EXCLUDED.attempt)`,
    newId('job'), runId, functionId, attempt,
  );
}

/** Claims due jobs, holding back functions already at their concurrency limit. */
export async function claimJobs(
  db: PrismaClient,
  opts: { worker: string; limit: number; leaseMs: number; concurrency: Map<string, number> },
): Promise<Job[]> {
  const due = await db.$queryRawUnsafe<unknown[]>(
    `SELECT 1 FROM job_queue WHERE run_at <= now() AND (locked_until IS NULL OR locked_until < now()) LIMIT 1`,
  );
  if (due.length === 0) return [];
  return db.$transaction(async (tx) => {
    const candidates = await tx.$queryRawUnsafe<JobRow[]>(
      `SELECT id, run_id, function_id, kind, step_id, attempt FROM job_queue
        WHERE run_at <= now() AND (locked_until IS NULL OR locked_until < now())
        ORDER BY run_at LIMIT $1 FOR UPDATE SKIP LOCKED`,
      opts.limit * 4,
    );
    if (candidates.length === 0) return [];
    let inFlight = new Map<string, number>();
    if (opts.concurrency.size > 0 && candidates.some((c) => opts.concurrency.has(c.function_id))) {
      // Serialises claims of limited functions across workers; held only for this short transaction.
      await tx.$executeRawUnsafe(`SELECT pg_advisory_xact_lock(7461001)`);
      const rows = await tx.$queryRawUnsafe<{ function_id: string; n: number }[]>(
        `SELECT function_id, count(*)::int AS n FROM job_queue
          WHERE kind = 'run' AND locked_until > now() AND function_id = ANY($1::text[]) GROUP BY function_id`,
        [...opts.concurrency.keys()],
      );
      inFlight = new Map(rows.map((r) => [r.function_id, r.n]));
    }
    const chosen: JobRow[] = [];
    for (const c of candidates) {
      if (chosen.length >= opts.limit) break;
      const limit = opts.concurrency.get(c.function_id);
      if (limit !== undefined && c.kind === 'run') {
        const n = inFlight.get(c.function_id) ?? 0;
        if (n >= limit) continue;
        inFlight.set(c.function_id, n + 1);
      }
      chosen.push(c);
    }
    if (chosen.length === 0) return [];
    await tx.$executeRawUnsafe(
      `UPDATE job_queue SET locked_until = now() + make_interval(secs => $2::float8 / 1000), locked_by = $3, again = false
        WHERE id = ANY($1::text[])`,
      chosen.map((c) => c.id), opts.leaseMs, opts.worker,
    );
    return chosen.map(toJob);
  });
}

export async function extendLease(db: Db, jobId: string, worker: string, leaseMs: number): Promise<void> {
  await db.$executeRawUnsafe(
    `UPDATE job_queue SET locked_until = now() + make_interval(secs => $3::float8 / 1000) WHERE id = $1 AND locked_by = $2`,
    jobId, worker, leaseMs,
  );
}

/** Done with a job: delete it, unless a continuation was requested while it ran. */
export async function finishJob(db: Db, jobId: string): Promise<void> {
  const deleted = await db.$executeRawUnsafe(`DELETE FROM job_queue WHERE id = $1 AND NOT again`, jobId);
  if (deleted === 0) {
    await db.$executeRawUnsafe(
      `UPDATE job_queue SET again = false, locked_until = NULL, locked_by = NULL, attempt = 0, run_at = now() WHERE id = $1`,
      jobId,
    );
  }
}

/** Runs the same job again after `delayMs` (a continuation, or a retry with attempt + 1). */
export async function requeueJob(db: Db, jobId: string, attempt: number, delayMs = 0): Promise<void> {
  await db.$executeRawUnsafe(
    `UPDATE job_queue SET again = false, locked_until = NULL, locked_by = NULL, attempt = $2,
            run_at = now() + make_interval(secs => $3::float8 / 1000) WHERE id = $1`,
    jobId, attempt, delayMs,
  );
}

/** Exponential backoff with jitter: 1×, 2×, 4×… the base, capped at an hour. */
export function backoffMs(attempt: number, baseMs: number): number {
  const exp = Math.min(baseMs * 2 ** attempt, 3_600_000);
  return Math.round(exp * (0.8 + Math.random() * 0.4));
}

/** A stopping worker hands back the jobs it still holds, so others need not wait for the lease to run out. */
export async function releaseLeases(db: Db, worker: string): Promise<number> {
  return db.$executeRawUnsafe(`UPDATE job_queue SET locked_until = NULL, locked_by = NULL WHERE locked_by = $1`, worker);
}
