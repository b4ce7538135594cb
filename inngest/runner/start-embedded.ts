// Starts the embedded runner inside the app process (instrumentation.ts) once. On shutdown
// (server/lib/graceful-shutdown.ts) it stops taking work and finishes in-flight steps.
import { inngest } from '@/inngest/client';
import { functions } from '@/inngest/index';
import { inngestMode } from '@/inngest/mode';
import { getDb } from '@/server/db/client';
import { onShutdown } from '@/server/lib/graceful-shutdown';
import { createRunner } from './driver';
import { embeddedRunner, setEmbeddedRunner } from './runner-state';

export type StartResult = { started: boolean; reason?: string };

export function startEmbeddedRunner(env: NodeJS.ProcessEnv = process.env): StartResult {
  if (inngestMode(env) !== 'embedded') return { started: false, reason: 'Inngest keys are configured: Inngest runs the functions' };
  if (env.INNGEST_RUNNER === 'off') return { started: false, reason: 'INNGEST_RUNNER=off (a separate `npm run worker` runs them)' };
  if (!env.DATABASE_URL) return { started: false, reason: 'no DATABASE_URL' };
  if (embeddedRunner()) return { started: true };
  const runner = createRunner({
    db: getDb(),
    client: inngest,
    functions,
    pollMs: Number(env.INNGEST_RUNNER_POLL_MS ?? 250),
    // One connection in embedded mode (ADR 001): jobs would only queue behind each other.
    parallelism: env.DATABASE_EMBEDDED === '1' ? 1 : 4,
  });
  setEmbeddedRunner(runner);
  runner.start();
  onShutdown('runner', (deadline) => runner.stop({ timeoutMs: Math.max(deadline - Date.now() - 1000, 0) }));
  return { started: true };
}
