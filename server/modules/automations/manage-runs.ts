// Console actions on embedded-runner runs: replay (a new run of the same function with the
// same event) and cancel.
import type { Db } from '@/server/db/client';
import { enqueueContinue } from '@/inngest/runner/queue';
import { endRun, insertRun } from '@/inngest/runner/runs';
import { ConflictError, NotFoundError } from '@/server/errors';
import { newId } from '@/server/lib/ids';

export async function replayRun(db: Db, runId: string): Promise<{ runId: string }> {
  const run = await db.jobRun.findUnique({ where: { id: runId }, select: { functionId: true, event: true, eventId: true, maxAttempts: true } });
  if (!run) throw new NotFoundError('run', runId);
  const id = await insertRun(db, {
    functionId: run.functionId,
    event: run.event as Record<string, unknown>,
    eventId: run.eventId ?? undefined,
    maxAttempts: run.maxAttempts,
    dedupeKey: `replay:${runId}:${newId('rpl')}`,
  });
  await enqueueContinue(db, id!, run.functionId);
  return { runId: id! };
}

export async function cancelRun(db: Db, runId: string): Promise<{ cancelled: boolean }> {
  const run = await db.jobRun.findUnique({ where: { id: runId }, select: { status: true } });
  if (!run) throw new NotFoundError('run', runId);
  const cancelled = await endRun(db, runId, 'cancelled', { error: { name: 'Cancelled', message: 'cancelled from the console' } });
  if (!cancelled) throw new ConflictError(`run ${runId} already ended (${run.status})`);
  return { cancelled };
}
