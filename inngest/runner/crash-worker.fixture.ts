// A worker process for crash-restart.integration.test.ts: runs one three-step function whose
// middle step hangs forever when CRASH_HANG=1 (so the test can SIGKILL it mid-run). Each step
// records its execution in crash_counters, visible across processes.
import { Inngest } from 'inngest';
import { createPrismaClient } from '@/server/db/client';
import { createRunner } from './driver';
import { embeddedFetch } from './event-store';

const db = createPrismaClient(process.env.DATABASE_URL!, 4);
const client = new Inngest({ id: 'crash', isDev: true, fetch: embeddedFetch });
const record = (step: string) => db.$executeRawUnsafe(`INSERT INTO crash_counters (step, pid) VALUES ($1, $2)`, step, process.pid);

const fn = client.createFunction({ id: 'three-steps', triggers: [{ event: 'crash/go' }] }, async ({ step }) => {
  await step.run('one', () => record('one'));
  await step.run('two', async () => {
    await record('two');
    if (process.env.CRASH_HANG === '1') await new Promise(() => undefined);
  });
  await step.run('three', () => record('three'));
  return 'done';
});

createRunner({ db, client, functions: [fn], pollMs: 50, leaseMs: 1000, log: () => undefined }).start();
console.log('ready');
