// Starting runs: event-id dedupe, idempotency keys, debounce and cancelOn listeners.
import type { Db } from '@/server/db/client';
import { newId } from '@/server/lib/ids';
import { evalCel } from './cel';
import type { FunctionConfig } from './function-configs';
import { enqueue, enqueueContinue } from './queue';
import { insertRun } from './runs';

export type RunEvent = { id: string; name: string; data: Record<string, unknown>; ts: number };

export async function startRun(
  db: Db,
  fn: FunctionConfig,
  event: RunEvent,
  opts: { dedupeKey?: string; parentRunId?: string; parentStepId?: string } = {},
): Promise<string | undefined> {
  if (fn.debounce) {
    const key = `${fn.id}:${fn.debounce.key ? String(evalCel(fn.debounce.key, { event })) : ''}`;
    return debounceRun(db, fn, event, key);
  }
  // Inngest keeps an idempotency key for 24 h; here it lasts as long as the run row does.
  const idem = fn.idempotency ? evalCel(fn.idempotency, { event }) : undefined;
  const dedupeKey = opts.dedupeKey ?? (idem !== undefined ? `idem:${fn.id}:${String(idem)}` : `event:${fn.id}:${event.id}`);
  const runId = await insertRun(db, {
    functionId: fn.id, event, eventId: event.id, maxAttempts: fn.maxAttempts, dedupeKey,
    parentRunId: opts.parentRunId, parentStepId: opts.parentStepId,
  });
  if (!runId) return undefined;
  await addCancelListeners(db, fn, runId);
  await enqueueContinue(db, runId, fn.id);
  return runId;
}

/** A burst of events for one debounce key yields one run, with the last event, a period after the last. */
async function debounceRun(db: Db, fn: FunctionConfig, event: RunEvent, key: string): Promise<string | undefined> {
  const pending = await db.$queryRawUnsafe<{ id: string }[]>(
    `UPDATE job_runs r SET event = $2::jsonb, event_id = $3, updated_at = now()
      WHERE r.debounce_key = $1 AND r.status = 'queued'
        AND EXISTS (SELECT 1 FROM job_queue q WHERE q.run_id = r.id AND q.locked_until IS NULL)
      RETURNING r.id`,
    key, JSON.stringify(event), event.id,
  );
  const existing = pending[0]?.id;
  if (existing) {
    await db.$executeRawUnsafe(
      `UPDATE job_queue SET run_at = now() + make_interval(secs => $2::float8 / 1000) WHERE run_id = $1 AND locked_until IS NULL`,
      existing, fn.debounce!.periodMs,
    );
    return existing;
  }
  const runId = await insertRun(db, {
    functionId: fn.id, event, eventId: event.id, maxAttempts: fn.maxAttempts, dedupeKey: `debounce:${fn.id}:${event.id}`, debounceKey: key,
  });
  if (!runId) return undefined;
  await addCancelListeners(db, fn, runId);
  await enqueue(db, { runId, functionId: fn.id, kind: 'run', key: `cont:${runId}`, delayMs: fn.debounce!.periodMs });
  return runId;
}

async function addCancelListeners(db: Db, fn: FunctionConfig, runId: string): Promise<void> {
  for (const c of fn.cancel) {
    await db.$executeRawUnsafe(
      `INSERT INTO job_waits (id, run_id, kind, event_name, expression, expires_at)
       VALUES ($1, $2, 'cancel', $3, $4, CASE WHEN $5::float8 IS NULL THEN NULL ELSE now() + make_interval(secs => $5::float8 / 1000) END)`,
      newId('wait'), runId, c.event, c.if ?? null, c.timeout ? durationMs(c.timeout) : null,
    );
  }
}

/** Inngest durations ("30s", "1h", "2d") or an ISO timestamp, in milliseconds from now. */
export function durationMs(value: string): number {
  const iso = Date.parse(value);
  if (/^\d{4}-\d{2}-\d{2}T/.test(value) && !Number.isNaN(iso)) return Math.max(0, iso - Date.now());
  const units: Record<string, number> = { ms: 1, s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000, w: 604_800_000 };
  let total = 0;
  let matched = false;
  for (const [, n, unit] of value.matchAll(/(\d+(?:\.\d+)?)\s*(ms|s|m|h|d|w)/g)) {
    total += Number(n) * units[unit!]!;
    matched = true;
  }
  if (!matched) throw new Error(`unsupported duration "${value}"`);
  return total;
}
