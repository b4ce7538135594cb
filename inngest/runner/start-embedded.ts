// Starts the embedded runner inside the app process (instrumentation.ts) once, and stops it
// cleanly on SIGTERM so an in-flight step finishes before Next exits.
import { inngest } from '@/inngest/client';
import { functions } from '@/inngest/index';
import { inngestMode } from '@/inngest/mode';
import { getDb } from '@/server/db/client';
import { createRunner, type Runner } from './driver';

const state = globalThis as unknown as { __embeddedRunner?: Runner };

export type StartResult = { started: boolean; reason?: string };

export function startEmbeddedRunner(env: NodeJS.ProcessEnv = process.env): StartResult {
  if (inngestMode(env) !== 'embedded') return { started: false, reason: 'Inngest keys are configured: Inngest runs the functions' };
  if (env.INNGEST_RUNNER === 'off') return { started: false, reason: 'INNGEST_RUNNER=off (a separate `npm run worker` runs them)' };
  if (!env.DATABASE_URL) return { started: false, reason: 'no DATABASE_URL' };
  if (state.__embeddedRunner) return { started: true };
  const runner = createRunner({
    db: getDb(),
    client: inngest,
    functions,
    pollMs: Number(env.INNGEST_RUNNER_POLL_MS ?? 250),
    // One connection in embedded mode (ADR 001): jobs would only queue behind each other.
    parallelism: env.DATABASE_EMBEDDED === '1' ? 1 : 4,
  });
  state.__embeddedRunner = runner;
  runner.start();
  const stop = () => void runner.stop();
  process.once('SIGTERM', stop);
  process.once('SIGINT', stop);
  return { started: true };
}
