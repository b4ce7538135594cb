// The SDK's serve-handler protocol, spoken in-process (measured against inngest 4.24.0;
// runner.contract.test.ts fails if an upgrade changes it). The driver sends the run's
// memoized steps; the SDK answers with the function's result or the next ops to perform.
import { serve } from 'inngest/next';

export type ServeHandler = ReturnType<typeof serve>;

export type StepResult = { data: unknown } | { error: unknown };

export type Op = {
  id: string;
  op: string;
  name?: string;
  displayName?: string;
  opts?: Record<string, unknown>;
  data?: unknown;
  error?: unknown;
};

export type CallResult =
  | { kind: 'done'; output: unknown }
  | { kind: 'ops'; ops: Op[] }
  | { kind: 'error'; retriable: boolean; error: unknown };

export type CallInput = {
  functionId: string;
  runId: string;
  event: Record<string, unknown>;
  steps: { id: string; result: StepResult }[];
  attempt: number;
  maxAttempts: number;
  /** A planned (parallel) step's hashed id, or undefined to continue the function. */
  stepId?: string;
};

export function buildRequest(input: CallInput): Request {
  const url = new URL('http://embedded.local/api/inngest');
  url.searchParams.set('fnId', input.functionId);
  url.searchParams.set('stepId', input.stepId ?? 'step');
  const body = {
    version: 2,
    event: input.event,
    events: [input.event],
    steps: Object.fromEntries(input.steps.map((s) => [s.id, s.result])),
    // No ctx.fn_id: with it the SDK switches to checkpointing against Inngest's API.
    ctx: {
      run_id: input.runId,
      attempt: input.attempt,
      max_attempts: input.maxAttempts,
      disable_immediate_execution: false,
      use_api: false,
      stack: { stack: input.steps.map((s) => s.id), current: input.steps.length },
    },
  };
  return new Request(url, { method: 'POST', body: JSON.stringify(body), headers: { 'content-type': 'application/json' } });
}

export async function parseResponse(res: Response): Promise<CallResult> {
  const text = await res.text();
  const body: unknown = text ? JSON.parse(text) : null;
  if (res.status === 200) return { kind: 'done', output: body };
  if (res.status === 206) return { kind: 'ops', ops: body as Op[] };
  return { kind: 'error', retriable: res.status >= 500 && res.headers.get('x-inngest-no-retry') !== 'true', error: body };
}

export async function callFunction(handler: ServeHandler, input: CallInput): Promise<CallResult> {
  const res = await (handler.POST as unknown as (req: Request, ctx: unknown) => Promise<Response>)(buildRequest(input), {});
  return parseResponse(res);
}
