// A worker process for shutdown.integration.test.ts: the same runWorkerProcess as
// `npm run worker`, with one three-step function whose middle step takes STEP_MS. Each step
// records its start and end in shutdown_counters, visible across processes.
import { Inngest } from 'inngest';
import { createPrismaClient } from '@/server/db/client';
import { embeddedFetch } from './event-store';
import { runWorkerProcess } from './worker-process';

const db = createPrismaClient(process.env.DATABASE_URL!, 4);
const client = new Inngest({ id: 'shutdown', isDev: true, fetch: embeddedFetch });
const record = (step: string) => db.$executeRawUnsafe(`INSERT INTO shutdown_counters (step, pid) VALUES ($1, $2)`, step, process.pid);

const fn = client.createFunction({ id: 'three-steps', triggers: [{ event: 'shutdown/go' }] }, async ({ step }) => {
  await step.run('one', () => record('one'));
  await step.run('two', async () => {
    await record('two:start');
    await new Promise((r) => setTimeout(r, Number(process.env.STEP_MS ?? 0)));
    await record('two:end');
  });
  await step.run('three', () => record('three'));
  return 'done';
});

runWorkerProcess({ db, client, functions: [fn], pollMs: 50, leaseMs: 5000, log: () => undefined });
console.log('ready');
