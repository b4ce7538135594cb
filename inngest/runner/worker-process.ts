// A runner as its own process (`npm run worker`, and the shutdown test's fixture): start
// polling, and on SIGTERM/SIGINT stop taking work, finish the steps in flight, hand back any
// lease still held, close the database and exit 0 — all within SHUTDOWN_TIMEOUT_MS.
import { installShutdownHandlers, onShutdown } from '@/server/lib/graceful-shutdown';
import type { PrismaClient } from '@/server/db/generated/client';
import { createRunner, type Runner, type RunnerOptions } from './driver';

export function runWorkerProcess(opts: RunnerOptions & { db: PrismaClient; exit?: (code: number) => void }): Runner {
  const runner = createRunner(opts);
  runner.start();
  // Leave a second for closing the database inside the overall bound.
  onShutdown('runner', (deadline) => runner.stop({ timeoutMs: Math.max(deadline - Date.now() - 1000, 0) }));
  onShutdown('database', () => opts.db.$disconnect());
  installShutdownHandlers({ exit: opts.exit });
  return runner;
}
