// One benchmark worker process: a runner for the bench function on BENCH_DATABASE_URL.
import { createRunner } from '@/inngest/runner/driver';
import { createPrismaClient } from '@/server/db/client';
import { benchClient, fiveSteps } from './five-steps';

const db = createPrismaClient(process.env.BENCH_DATABASE_URL!, 10);
const runner = createRunner({ db, client: benchClient, functions: [fiveSteps], pollMs: 10, parallelism: 8, log: () => undefined });
runner.start();
console.log('ready');
process.once('SIGTERM', () => void runner.stop().then(() => db.$disconnect()).then(() => process.exit(0)));
