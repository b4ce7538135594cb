// Runs and their memoized steps. A step row is written when an op is first seen (pending,
// ended_at NULL) and completed once; inserting it is the atomic claim that stops an op the
// SDK reports twice (parallel branches) from starting two sleeps, waits or child runs.
import type { Db } from '@/server/db/client';
import { newId } from '@/server/lib/ids';
import type { StepResult } from './protocol';

export type RunStatus = 'queued' | 'running' | 'sleeping' | 'waiting' | 'completed' | 'failed' | 'cancelled';

export type Run = {
  id: string;
  functionId: string;
  event: Record<string, unknown>;
  status: RunStatus;
  attempt: number;
  maxAttempts: number;
  parentRunId: string | null;
  parentStepId: string | null;
};

export const TERMINAL: RunStatus[] = ['completed', 'failed', 'cancelled'];

export async function getRun(db: Db, runId: string): Promise<Run | undefined> {
  const rows = await db.$queryRawUnsafe<
    { id: string; function_id: string; event: Record<string, unknown>; status: RunStatus; attempt: number; max_attempts: number; parent_run_id: string | null; parent_step_id: string | null }[]
  >(`SELECT id, function_id, event, status::text AS status, attempt, max_attempts, parent_run_id, parent_step_id FROM job_runs WHERE id = $1`, runId);
  const r = rows[0];
  return r && { id: r.id, functionId: r.function_id, event: r.event, status: r.status, attempt: r.attempt, maxAttempts: r.max_attempts, parentRunId: r.parent_run_id, parentStepId: r.parent_step_id };
}

/** Inserts a run unless one with the same dedupe key exists; returns its id when created. */
export async function insertRun(
  db: Db,
  run: { functionId: string; event: Record<string, unknown>; eventId?: string; maxAttempts: number; dedupeKey: string; debounceKey?: string; parentRunId?: string; parentStepId?: string },
): Promise<string | undefined> {
  const id = newId('run');
  const rows = await db.$queryRawUnsafe<{ id: string }[]>(
    `INSERT INTO job_runs (id, function_id, event_id, event, max_attempts, dedupe_key, debounce_key, parent_run_id, parent_step_id)
     VALUES ($1, $2, $3, $4::jsonb, $5, $6, $7, $8, $9) ON CONFLICT (dedupe_key) DO NOTHING RETURNING id`,
    id, run.functionId, run.eventId ?? null, JSON.stringify(run.event), run.maxAttempts, run.dedupeKey,
    run.debounceKey ?? null, run.parentRunId ?? null, run.parentStepId ?? null,
  );
  return rows[0]?.id;
}

export async function setRunStatus(db: Db, runId: string, status: RunStatus, attempt?: number): Promise<void> {
  await db.$executeRawUnsafe(
    `UPDATE job_runs SET status = $2::job_run_status, attempt = GREATEST(attempt, COALESCE($3, attempt)),
            started_at = COALESCE(started_at, now()), updated_at = now()
      WHERE id = $1 AND status NOT IN ('completed', 'failed', 'cancelled')`,
    runId, status, attempt ?? null,
  );
}

export async function recordRunError(db: Db, runId: string, error: unknown, attempt: number): Promise<void> {
  await db.$executeRawUnsafe(
    `UPDATE job_runs SET error = $2::jsonb, attempt = GREATEST(attempt, $3), updated_at = now() WHERE id = $1`,
    runId, JSON.stringify(error ?? null), attempt,
  );
}

/** Ends a run; false when it had already ended (a cancel raced a completion). */
export async function endRun(db: Db, runId: string, status: 'completed' | 'failed' | 'cancelled', result: { output?: unknown; error?: unknown }): Promise<boolean> {
  const n = await db.$executeRawUnsafe(
    `UPDATE job_runs SET status = $2::job_run_status, output = $3::jsonb, error = COALESCE($4::jsonb, error),
            ended_at = now(), updated_at = now()
      WHERE id = $1 AND status NOT IN ('completed', 'failed', 'cancelled')`,
    runId, status, result.output === undefined ? null : JSON.stringify(result.output), result.error === undefined ? null : JSON.stringify(result.error),
  );
  if (n === 0) return false;
  // Its remaining timers, waits and listeners die with it (this job row is deleted by its caller).
  await db.$executeRawUnsafe(`DELETE FROM job_waits WHERE run_id = $1`, runId);
  await db.$executeRawUnsafe(`DELETE FROM job_queue WHERE run_id = $1 AND (locked_until IS NULL OR locked_until < now())`, runId);
  return true;
}

/** Memoized results in the order they completed (the SDK's stack). */
export async function loadSteps(db: Db, runId: string): Promise<{ id: string; result: StepResult }[]> {
  const rows = await db.$queryRawUnsafe<{ step_id: string; data: unknown; error: unknown }[]>(
    `SELECT step_id, data, error FROM job_steps WHERE run_id = $1 AND ended_at IS NOT NULL ORDER BY ended_at, step_id`,
    runId,
  );
  return rows.map((r) => ({ id: r.step_id, result: r.error != null ? { error: r.error } : { data: r.data } }));
}

/** Claims an op: true the first time this (run, step) is seen. */
export async function claimStep(db: Db, runId: string, stepId: string, name: string, op: string): Promise<boolean> {
  const rows = await db.$queryRawUnsafe<{ step_id: string }[]>(
    `INSERT INTO job_steps (run_id, step_id, name, op) VALUES ($1, $2, $3, $4) ON CONFLICT DO NOTHING RETURNING step_id`,
    runId, stepId, name, op,
  );
  return rows.length > 0;
}

/** Stores a step's final result once; a later duplicate report of the same step is ignored. */
export async function memoizeStep(
  db: Db,
  s: { runId: string; stepId: string; name: string; op: string; result: StepResult; attempt?: number },
): Promise<boolean> {
  const data = 'data' in s.result ? JSON.stringify(s.result.data ?? null) : null;
  const error = 'error' in s.result ? JSON.stringify(s.result.error ?? null) : null;
  const n = await db.$executeRawUnsafe(
    `INSERT INTO job_steps (run_id, step_id, name, op, data, error, attempt, ended_at)
     VALUES ($1, $2, $3, $4, $5::jsonb, $6::jsonb, $7, now())
     ON CONFLICT (run_id, step_id) DO UPDATE SET data = EXCLUDED.data, error = EXCLUDED.error,
       attempt = EXCLUDED.attempt, ended_at = EXCLUDED.ended_at
     WHERE job_steps.ended_at IS NULL`,
    s.runId, s.stepId, s.name, s.op, data, error, s.attempt ?? 0,
  );
  return n > 0;
}
