// Graceful shutdown on SIGTERM/SIGINT for the app (instrumentation.ts) and `npm run worker`:
// readiness turns 503 at once (load balancers stop routing here), then after a drain delay
// the registered steps run in order — stop taking runner work and finish in-flight steps,
// wait for in-flight requests, flush telemetry, close the database — and the process exits
// 0. A step that hangs past the bound makes it exit 1 instead of never.
import { logger } from '@/server/observability/logger';

export type ShutdownStep = { name: string; run: (deadline: number) => Promise<unknown> };

type State = { shuttingDown: boolean; steps: ShutdownStep[]; installed: boolean };
const state = ((globalThis as { __shutdown?: State }).__shutdown ??= { shuttingDown: false, steps: [], installed: false });

export function isShuttingDown(): boolean {
  return state.shuttingDown;
}

/** Adds a step; steps run in the order they were added (register the database last). */
export function onShutdown(name: string, run: (deadline: number) => Promise<unknown>): void {
  state.steps.push({ name, run });
}

export type ShutdownOptions = {
  /** Time for load balancers to see readiness fail before work stops (SHUTDOWN_DRAIN_MS). */
  drainMs?: number;
  /** Upper bound for the whole shutdown (SHUTDOWN_TIMEOUT_MS). */
  timeoutMs?: number;
  exit?: (code: number) => void;
};

export async function shutdown(reason: string, opts: ShutdownOptions = {}): Promise<number> {
  if (state.shuttingDown) return 0;
  state.shuttingDown = true;
  const timeoutMs = opts.timeoutMs ?? Number(process.env.SHUTDOWN_TIMEOUT_MS ?? 25_000);
  const drainMs = opts.drainMs ?? Number(process.env.SHUTDOWN_DRAIN_MS ?? 0);
  const started = Date.now();
  const deadline = started + timeoutMs;
  logger.info({ reason, drainMs, timeoutMs }, 'shutting down');
  if (drainMs > 0) await new Promise((r) => setTimeout(r, drainMs));
  let code = 0;
  for (const step of state.steps) {
    const left = deadline - Date.now();
    let timer: NodeJS.Timeout | undefined;
    const outcome = await Promise.race([
      step.run(deadline).then(
        () => 'ok' as const,
        (err: unknown) => (logger.error({ err, step: step.name }, 'shutdown step failed'), 'failed' as const),
      ),
      new Promise<'timeout'>((r) => (timer = setTimeout(() => r('timeout'), Math.max(left, 0)))),
    ]);
    clearTimeout(timer);
    if (outcome === 'timeout') {
      logger.error({ step: step.name }, 'shutdown step timed out');
      code = 1;
      break;
    }
    if (outcome === 'failed') code = 1;
  }
  logger.info({ code, ms: Date.now() - started }, 'shutdown complete');
  return code;
}

/** Installs the signal handlers once; `exit` defaults to process.exit. */
export function installShutdownHandlers(opts: ShutdownOptions = {}): void {
  if (state.installed) return;
  state.installed = true;
  for (const sig of ['SIGTERM', 'SIGINT'] as const) {
    process.once(sig, () => void shutdown(sig, opts).then((code) => (opts.exit ?? process.exit)(code)));
  }
}
