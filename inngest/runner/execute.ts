// Executes one claimed job: asks the SDK to continue the run (or run one planned step)
// with its memoized steps, then turns the response into durable state.
import type { Db } from '@/server/db/client';
import { newId } from '@/server/lib/ids';
import type { FunctionConfig } from './function-configs';
import { callFunction, type Op, type ServeHandler } from './protocol';
import { backoffMs, enqueue, enqueueContinue, finishJob, requeueJob, type Job } from './queue';
import { claimStep, endRun, getRun, loadSteps, memoizeStep, recordRunError, setRunStatus, TERMINAL, type Run } from './runs';
import { durationMs, startRun } from './start-run';
import { insertEvents } from '@/server/modules/events/insert-events';
import { recordRequest } from '@/server/observability/metrics';
import { withRequestId } from '@/server/observability/request-context';
import { traceCarrierOf, withSpan, withTraceCarrier } from '@/server/observability/tracing';

export type ExecContext = {
  db: Db;
  handler: ServeHandler;
  configs: Map<string, FunctionConfig>;
  /** First retry delay; doubles per attempt. */
  backoffBaseMs: number;
  /** True once the driver is stopping: finish the step in flight, then hand the run back. */
  stopping?: () => boolean;
};

// Sequential steps a continuation runs back to back before going through the queue again
// (each result is still memoized first, so a crash loses at most the step in flight).
const INLINE_STEPS = 20;

export async function executeJob(ctx: ExecContext, job: Job): Promise<void> {
  let current = job;
  for (let i = 0; i < INLINE_STEPS; i++) {
    if ((await executeOnce(ctx, current)) !== 'continue') return;
    if (ctx.stopping?.()) break;
    current = { ...current, attempt: 0 };
  }
  await requeueJob(ctx.db, job.id, 0);
}

async function executeOnce(ctx: ExecContext, job: Job): Promise<'continue' | void> {
  const run = await getRun(ctx.db, job.runId);
  if (!run || TERMINAL.includes(run.status)) return finishJob(ctx.db, job.id);
  // The run continues the trace of the event that started it (send.ts put it on the event),
  // so a request, the functions it triggered and the events they sent form one trace.
  const carrier = traceCarrierOf(run.event);
  const requestId = carrier?.requestId ?? `run:${run.id}`;
  const started = performance.now();
  return withTraceCarrier(carrier, () =>
    withRequestId(requestId, () =>
      withSpan(
        `inngest.function ${run.functionId}`,
        { 'inngest.function_id': run.functionId, 'inngest.run_id': run.id, 'inngest.job_kind': job.kind, 'inngest.attempt': job.attempt, 'request.id': requestId },
        async (span) => {
          let ok = true;
          try {
            return await executeRun(ctx, job, run, (step) => {
              span.updateName(`inngest.step ${step.name}`);
              span.setAttributes({ 'inngest.step': step.name, 'inngest.op': step.op });
              if (step.op === 'StepError' || step.op === 'StepFailed' || step.op === 'error') {
                ok = false;
                span.setStatus({ code: 2, message: step.op });
              }
            });
          } catch (err) {
            ok = false;
            throw err;
          } finally {
            recordRequest('runner', run.functionId, performance.now() - started, ok);
          }
        },
      ),
    ),
  );
}

type StepReport = (step: { name: string; op: string }) => void;

async function executeRun(ctx: ExecContext, job: Job, run: Run, report: StepReport): Promise<'continue' | void> {
  const { db } = ctx;

  if (job.kind === 'sleep' && job.stepId) {
    await memoizeStep(db, { runId: run.id, stepId: job.stepId, name: 'sleep', op: 'Sleep', result: { data: null } });
    await enqueueContinue(db, run.id, run.functionId);
    return finishJob(db, job.id);
  }
  if (job.kind === 'wait-timeout' && job.stepId) {
    const expired = await db.$executeRawUnsafe(`DELETE FROM job_waits WHERE run_id = $1 AND step_id = $2 AND kind = 'wait'`, run.id, job.stepId);
    if (expired > 0) {
      // A timed-out waitForEvent resolves to null.
      await memoizeStep(db, { runId: run.id, stepId: job.stepId, name: 'timeout', op: 'WaitForEvent', result: { data: null } });
      await enqueueContinue(db, run.id, run.functionId);
    }
    return finishJob(db, job.id);
  }

  const fn = ctx.configs.get(run.functionId);
  if (!fn) {
    await failRun(ctx, run, { name: 'FunctionNotFound', message: `function ${run.functionId} is not served by this app` });
    return finishJob(db, job.id);
  }
  await setRunStatus(db, run.id, 'running', job.attempt);
  const steps = await loadSteps(db, run.id);
  const res = await callFunction(ctx.handler, {
    functionId: run.functionId, runId: run.id, event: run.event, steps, attempt: job.attempt, maxAttempts: run.maxAttempts, stepId: job.stepId ?? undefined,
  });

  if (res.kind === 'done') {
    report({ name: 'finalize', op: 'RunComplete' });
    await completeRun(ctx, run, res.output);
    return finishJob(db, job.id);
  }
  if (res.kind === 'error') {
    report({ name: 'function', op: 'error' });
    await recordRunError(db, run.id, res.error, job.attempt);
    if (res.retriable && job.attempt + 1 < run.maxAttempts) {
      return requeueJob(db, job.id, job.attempt + 1, backoffMs(job.attempt, ctx.backoffBaseMs));
    }
    await failRun(ctx, run, res.error);
    return finishJob(db, job.id);
  }
  const stepOp = res.ops.find((o) => o.op === 'StepRun' || o.op === 'StepFailed' || o.op === 'StepError') ?? res.ops[0];
  if (stepOp) report({ name: stepOp.displayName ?? stepOp.name ?? stepOp.id, op: stepOp.op });
  return applyOps(ctx, run, job, res.ops);
}

async function applyOps(ctx: ExecContext, run: Run, job: Job, ops: Op[]): Promise<'continue' | void> {
  const { db } = ctx;
  let proceed = false;
  let status: 'sleeping' | 'waiting' | undefined;
  for (const op of ops) {
    const name = op.displayName ?? op.name ?? op.id;
    switch (op.op) {
      case 'StepRun':
        await memoizeStep(db, { runId: run.id, stepId: op.id, name, op: op.op, result: { data: op.data ?? null }, attempt: job.attempt });
        proceed = true;
        break;
      case 'StepFailed':
        await memoizeStep(db, { runId: run.id, stepId: op.id, name, op: op.op, result: { error: op.error }, attempt: job.attempt });
        proceed = true;
        break;
      case 'StepError': {
        await recordRunError(db, run.id, op.error, job.attempt);
        if (job.attempt + 1 < run.maxAttempts) {
          return requeueJob(db, job.id, job.attempt + 1, backoffMs(job.attempt, ctx.backoffBaseMs));
        }
        // Out of attempts: the step's error is handed to the function, which may catch it;
        // if it does not, the run fails on this (last) attempt rather than starting over.
        await memoizeStep(db, { runId: run.id, stepId: op.id, name, op: 'StepFailed', result: { error: op.error }, attempt: job.attempt });
        await enqueueContinue(db, run.id, run.functionId, run.maxAttempts - 1);
        return finishJob(db, job.id);
      }
      case 'StepPlanned':
        if (await claimStep(db, run.id, op.id, name, op.op)) {
          await enqueue(db, { runId: run.id, functionId: run.functionId, kind: 'run', stepId: op.id, key: `plan:${run.id}:${op.id}` });
        }
        break;
      case 'Sleep':
        if (await claimStep(db, run.id, op.id, name, op.op)) {
          await enqueue(db, { runId: run.id, functionId: run.functionId, kind: 'sleep', stepId: op.id, key: `sleep:${run.id}:${op.id}`, delayMs: durationMs(op.name ?? '0s') });
        }
        status = 'sleeping';
        break;
      case 'WaitForEvent':
        if (await claimStep(db, run.id, op.id, name, op.op)) await addWait(db, run, op);
        status = 'waiting';
        break;
      case 'InvokeFunction':
        if (await claimStep(db, run.id, op.id, name, op.op)) await invokeChild(ctx, run, op);
        status = 'waiting';
        break;
      default:
        await failRun(ctx, run, { name: 'UnsupportedOp', message: `embedded runner cannot perform ${op.op} (${name})` });
        return finishJob(db, job.id);
    }
  }
  if (job.stepId) {
    // A planned (parallel) step finished: continue the run through its single continuation.
    if (proceed) await enqueueContinue(db, run.id, run.functionId);
    return finishJob(db, job.id);
  }
  if (proceed) return 'continue';
  if (status) await setRunStatus(db, run.id, status);
  return finishJob(db, job.id);
}

async function addWait(db: Db, run: Run, op: Op): Promise<void> {
  const timeoutMs = durationMs(String(op.opts?.timeout ?? '7d'));
  await db.$executeRawUnsafe(
    `INSERT INTO job_waits (id, run_id, step_id, kind, event_name, expression, expires_at)
     VALUES ($1, $2, $3, 'wait', $4, $5, now() + make_interval(secs => $6::float8 / 1000))`,
    newId('wait'), run.id, op.id, op.name ?? '', (op.opts?.if as string | undefined) ?? null, timeoutMs,
  );
  await enqueue(db, { runId: run.id, functionId: run.functionId, kind: 'wait-timeout', stepId: op.id, key: `timeout:${run.id}:${op.id}`, delayMs: timeoutMs });
}

async function invokeChild(ctx: ExecContext, run: Run, op: Op): Promise<void> {
  const functionId = String(op.opts?.function_id ?? '');
  const child = ctx.configs.get(functionId);
  if (!child) {
    await memoizeStep(ctx.db, { runId: run.id, stepId: op.id, name: op.displayName ?? op.id, op: op.op, result: { error: { name: 'Error', message: `function ${functionId} not found` } } });
    await enqueueContinue(ctx.db, run.id, run.functionId);
    return;
  }
  const payload = (op.opts?.payload ?? {}) as { data?: Record<string, unknown> };
  const event = { id: newId('evt'), name: 'inngest/function.invoked', data: payload.data ?? {}, ts: Date.now() };
  await startRun(ctx.db, child, event, { dedupeKey: `invoke:${run.id}:${op.id}`, parentRunId: run.id, parentStepId: op.id });
}

async function completeRun(ctx: ExecContext, run: Run, output: unknown): Promise<void> {
  if (!(await endRun(ctx.db, run.id, 'completed', { output: output ?? null }))) return;
  if (run.parentRunId && run.parentStepId) {
    await memoizeStep(ctx.db, { runId: run.parentRunId, stepId: run.parentStepId, name: 'invoke', op: 'InvokeFunction', result: { data: output ?? null } });
    await continueParent(ctx, run.parentRunId);
  }
}

async function failRun(ctx: ExecContext, run: Run, error: unknown): Promise<void> {
  if (!(await endRun(ctx.db, run.id, 'failed', { error }))) return;
  if (run.parentRunId && run.parentStepId) {
    await memoizeStep(ctx.db, { runId: run.parentRunId, stepId: run.parentStepId, name: 'invoke', op: 'InvokeFunction', result: { error } });
    await continueParent(ctx, run.parentRunId);
  }
  // Inngest's failure event: it triggers the function's onFailure handler (`<id>-failure`).
  await insertEvents(ctx.db, [{
    id: `failed:${run.id}`,
    name: 'inngest/function.failed',
    data: { function_id: run.functionId, run_id: run.id, error, event: run.event },
  }], { source: 'runner' });
}

async function continueParent(ctx: ExecContext, parentRunId: string): Promise<void> {
  const parent = await getRun(ctx.db, parentRunId);
  if (parent && !TERMINAL.includes(parent.status)) await enqueueContinue(ctx.db, parent.id, parent.functionId);
}
