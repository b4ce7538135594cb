// Test helper: drive a runner until the newest run of a function finishes.
import type { TestDatabase } from '@/server/db/testing';
import type { Runner } from './driver';

export type FinishedRun = { id: string; status: string; output: unknown; eventId: string | null };

export async function latestRun(db: TestDatabase, fn: string, where = 'TRUE'): Promise<FinishedRun | undefined> {
  const r = await db.query<FinishedRun>(
    `SELECT id, status::text AS status, output, event_id AS "eventId" FROM job_runs WHERE function_id = $1 AND ${where} ORDER BY created_at DESC LIMIT 1`,
    [`commerce-${fn}`],
  );
  return r.rows[0];
}

/** Ticks the runner until `fn`'s newest run (optionally matching a SQL filter) is completed, failed or cancelled. */
export async function runUntilFinished(runner: Runner, db: TestDatabase, fn: string, opts: { where?: string; timeoutMs?: number } = {}): Promise<FinishedRun> {
  const t0 = Date.now();
  for (;;) {
    const run = await latestRun(db, fn, opts.where);
    if (run && ['completed', 'failed', 'cancelled'].includes(run.status)) return run;
    if (Date.now() - t0 > (opts.timeoutMs ?? 60_000)) throw new Error(`${fn} did not finish (last status ${run?.status ?? 'none'})`);
    if ((await runner.tick()) === 0) await new Promise((r) => setTimeout(r, 25));
  }
}

/** Ticks the runner until `check` returns a value (not undefined). */
export async function tickUntil<T>(runner: Runner, check: () => Promise<T | undefined>, timeoutMs = 60_000): Promise<T> {
  const t0 = Date.now();
  for (;;) {
    const v = await check();
    if (v !== undefined) return v;
    if (Date.now() - t0 > timeoutMs) throw new Error('condition not reached in time');
    if ((await runner.tick()) === 0) await new Promise((r) => setTimeout(r, 25));
  }
}
