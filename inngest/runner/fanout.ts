// Publishing: each unprocessed event starts the runs it triggers, resolves matching
// waitForEvent steps and cancels matching runs — in one transaction per batch, so an event
// is fanned out exactly once even with several workers.
import type { Db } from '@/server/db/client';
import type { PrismaClient } from '@/server/db/generated/client';
import { celMatches } from './cel';
import { eventMatchesName, type FunctionConfig } from './function-configs';
import { enqueueContinue } from './queue';
import { endRun, memoizeStep } from './runs';
import { startRun, type RunEvent } from './start-run';

export async function fanOutEvents(db: PrismaClient, configs: Map<string, FunctionConfig>, limit = 100): Promise<number> {
  // A cheap look first: most polls find nothing, and a transaction costs several round trips.
  const pending = await db.$queryRawUnsafe<unknown[]>(`SELECT 1 FROM events WHERE processed_at IS NULL LIMIT 1`);
  if (pending.length === 0) return 0;
  return db.$transaction(async (tx) => {
    const events = await tx.$queryRawUnsafe<{ id: string; name: string; data: Record<string, unknown>; ts: Date }[]>(
      `SELECT id, name, data, ts FROM events WHERE processed_at IS NULL ORDER BY received_at, id LIMIT $1 FOR UPDATE SKIP LOCKED`,
      limit,
    );
    for (const e of events) {
      await fanOutEvent(tx, configs, { id: e.id, name: e.name, data: e.data, ts: e.ts.getTime() });
    }
    if (events.length > 0) {
      // Ids are unique (event_ids); the times let Postgres visit only those months' partitions.
      await tx.$executeRawUnsafe(
        `UPDATE events SET processed_at = now() WHERE id = ANY($1::text[]) AND ts = ANY($2::timestamptz[])`,
        events.map((e) => e.id),
        events.map((e) => e.ts.toISOString()),
      );
    }
    return events.length;
  }, { timeout: 60_000 });
}

async function fanOutEvent(db: Db, configs: Map<string, FunctionConfig>, event: RunEvent): Promise<void> {
  for (const fn of configs.values()) {
    const hit = fn.triggers.some((t) => t.event && eventMatchesName(t.event, event.name) && celMatches(t.expression, { event }));
    if (hit) await startRun(db, fn, event);
  }
  const waits = await db.$queryRawUnsafe<
    { id: string; run_id: string; step_id: string | null; kind: string; expression: string | null; function_id: string; trigger: Record<string, unknown> }[]
  >(
    `SELECT w.id, w.run_id, w.step_id, w.kind, w.expression, r.function_id, r.event AS trigger
       FROM job_waits w JOIN job_runs r ON r.id = w.run_id
      WHERE w.event_name = $1 AND (w.expires_at IS NULL OR w.expires_at > now())
      ORDER BY w.created_at`,
    event.name,
  );
  for (const w of waits) {
    if (!celMatches(w.expression, { event: w.trigger, async: event })) continue;
    // Deleting the wait is the claim: a timeout job that deletes it first wins instead.
    const claimed = await db.$executeRawUnsafe(`DELETE FROM job_waits WHERE id = $1`, w.id);
    if (claimed === 0) continue;
    if (w.kind === 'cancel') {
      await endRun(db, w.run_id, 'cancelled', { error: { name: 'Cancelled', message: `cancelled by ${event.name} (${event.id})` } });
    } else if (w.step_id) {
      await memoizeStep(db, { runId: w.run_id, stepId: w.step_id, name: event.name, op: 'WaitForEvent', result: { data: event } });
      await enqueueContinue(db, w.run_id, w.function_id);
    }
  }
}
