// Read side of the console's Automations page: runs, their steps, failures per function.
import type { Db } from '@/server/db/client';
import { listRunsInput, type ListRunsInput } from './automations.schema';
import { redactEmails } from './redact';

const ms = (a: Date | null, b: Date | null) => (a && b ? b.getTime() - a.getTime() : null);

export async function listRuns(db: Db, input: ListRunsInput) {
  const { functionId, status, limit } = listRunsInput.parse(input);
  const runs = await db.jobRun.findMany({
    where: { functionId, status },
    orderBy: { createdAt: 'desc' },
    take: limit,
    select: {
      id: true, functionId: true, status: true, attempt: true, maxAttempts: true, createdAt: true, startedAt: true, endedAt: true,
      event: true, error: true, _count: { select: { steps: true } },
    },
  });
  return runs.map((r) => ({
    id: r.id,
    functionId: r.functionId,
    status: r.status,
    attempt: r.attempt,
    maxAttempts: r.maxAttempts,
    eventName: (r.event as { name?: string } | null)?.name ?? null,
    steps: r._count.steps,
    createdAt: r.createdAt.toISOString(),
    durationMs: ms(r.startedAt, r.endedAt),
    error: r.error ? errorMessage(r.error) : null,
  }));
}

export async function getRunDetail(db: Db, runId: string) {
  const run = await db.jobRun.findUnique({
    where: { id: runId },
    select: {
      id: true, functionId: true, status: true, attempt: true, maxAttempts: true, event: true, output: true, error: true,
      createdAt: true, startedAt: true, endedAt: true, parentRunId: true,
      steps: { orderBy: { startedAt: 'asc' }, select: { stepId: true, name: true, op: true, data: true, error: true, attempt: true, startedAt: true, endedAt: true } },
    },
  });
  if (!run) return null;
  return {
    ...run,
    event: redactEmails(run.event),
    output: redactEmails(run.output),
    error: run.error ? errorMessage(run.error) : null,
    createdAt: run.createdAt.toISOString(),
    startedAt: run.startedAt?.toISOString() ?? null,
    endedAt: run.endedAt?.toISOString() ?? null,
    durationMs: ms(run.startedAt, run.endedAt),
    steps: run.steps.map((s) => ({
      stepId: s.stepId,
      name: s.name,
      op: s.op,
      attempt: s.attempt,
      status: s.endedAt ? (s.error ? 'failed' : 'completed') : 'pending',
      output: redactEmails(s.error ?? s.data),
      startedAt: s.startedAt.toISOString(),
      durationMs: ms(s.startedAt, s.endedAt),
    })),
  };
}

/** Per function: runs by status over the last `days` days (failed counts drive the summary). */
export async function functionSummaries(db: Db, days = 7) {
  const since = new Date(Date.now() - days * 86_400_000);
  const rows = await db.jobRun.groupBy({ by: ['functionId', 'status'], where: { createdAt: { gte: since } }, _count: { _all: true } });
  const out = new Map<string, { functionId: string; total: number; failed: number; active: number }>();
  for (const r of rows) {
    const s = out.get(r.functionId) ?? { functionId: r.functionId, total: 0, failed: 0, active: 0 };
    s.total += r._count._all;
    if (r.status === 'failed') s.failed += r._count._all;
    if (!['completed', 'failed', 'cancelled'].includes(r.status)) s.active += r._count._all;
    out.set(r.functionId, s);
  }
  return [...out.values()].sort((a, b) => b.failed - a.failed || a.functionId.localeCompare(b.functionId));
}

function errorMessage(error: unknown): string {
  const e = redactEmails(error) as { name?: string; message?: string } | string | null;
  if (typeof e === 'string') return e;
  return [e?.name, e?.message].filter(Boolean).join(': ') || 'error';
}

/** Runs started by events about one subject (e.g. an order's exception flow), newest first. */
export async function runsForSubject(db: Db, input: { key: string; value: string }) {
  const rows = await db.$queryRaw<{ id: string; function_id: string; status: string; created_at: Date }[]>`
    SELECT id, function_id, status::text AS status, created_at FROM job_runs
    WHERE event->'data'->>${input.key} = ${input.value}
    ORDER BY created_at DESC LIMIT 20`;
  return rows.map((r) => ({ id: r.id, functionId: r.function_id, status: r.status, createdAt: r.created_at.toISOString() }));
}
