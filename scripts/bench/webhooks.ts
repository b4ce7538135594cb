// `npm run bench:webhooks`: how fast the webhook door acknowledges. Signed local-provider
// events are posted over real HTTP to a server wrapping the route handler (verify signature,
// validate, insert into the inbox, enqueue processing), one at a time and 8 at once, then the
// same events again (duplicates). Processing is asynchronous and not part of the ack.
// BENCH_DATABASE_URL: a scratch database on a server (payments tables are truncated);
// without it an in-memory embedded Postgres is used. Prints a JSON summary as its last line (ms).
import pg from 'pg';
import { createPrismaClient } from '@/server/db/client';
import { startEmbeddedPostgres, type EmbeddedPostgres } from '@/server/db/embedded';
import { migrate } from '@/server/db/migrate';
import { localWebhookSecret } from '@/server/modules/payments/payments-config';
import { startRouteServer } from '@/server/modules/payments/testing/route-server';
import { events, insertPayment, signedHeaders } from '@/server/modules/payments/testing/webhook-fixtures';

const N = Number(process.env.BENCH_WEBHOOKS ?? 200);
const WARMUP = 20;

let embeddedServer: EmbeddedPostgres | undefined;
let url = process.env.BENCH_DATABASE_URL;
if (!url) {
  embeddedServer = await startEmbeddedPostgres();
  url = embeddedServer.url;
}
{
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  await migrate(c);
  await c.end();
}
const embedded = Boolean(embeddedServer);
const db = createPrismaClient(url, embedded ? 1 : 10);
// The route and the embedded event store use the app's shared client.
(globalThis as unknown as { prisma: unknown }).prisma = db;
await db.$executeRawUnsafe(`TRUNCATE payments, payment_webhook_inbox, payment_local_webhooks, payment_operations`);
const { POST } = await import('@/app/api/webhooks/payments/[provider]/route');
const server = await startRouteServer(POST);
const secret = localWebhookSecret();

const payments = [];
for (let i = 0; i < N * 2 + WARMUP; i++) payments.push(await insertPayment(db));
const bodies = payments.map((p) => JSON.stringify(events.authorized(p)));

async function post(body: string): Promise<number> {
  const t0 = performance.now();
  const res = await fetch(`${server.url}/api/webhooks/payments/local`, {
    method: 'POST',
    body,
    headers: signedHeaders(body, secret),
  });
  await res.text();
  if (res.status !== 200) throw new Error(`ack ${res.status}`);
  return performance.now() - t0;
}

const pct = (sorted: number[], p: number) =>
  Math.round(sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))]! * 100) / 100;
const summary = (times: number[]) => {
  const s = [...times].sort((a, b) => a - b);
  return { n: s.length, p50: pct(s, 0.5), p95: pct(s, 0.95), p99: pct(s, 0.99), max: pct(s, 1) };
};

for (const body of bodies.slice(0, WARMUP)) await post(body);
const sequentialBodies = bodies.slice(WARMUP, WARMUP + N);
const sequential: number[] = [];
for (const body of sequentialBodies) sequential.push(await post(body));

const concurrentBodies = bodies.slice(WARMUP + N);
const concurrent: number[] = [];
const t0 = performance.now();
let next = 0;
await Promise.all(
  Array.from({ length: 8 }, async () => {
    while (next < concurrentBodies.length) concurrent.push(await post(concurrentBodies[next++]!));
  }),
);
const concurrentSeconds = (performance.now() - t0) / 1000;

const duplicates: number[] = [];
for (const body of sequentialBodies) duplicates.push(await post(body));

const inbox = await db.paymentWebhookInbox.count();
await server.close();
await db.$disconnect();
await embeddedServer?.stop();

const result = {
  db: embedded ? 'embedded' : 'server',
  deliveries: N,
  inbox,
  sequential: summary(sequential),
  concurrent8: { ...summary(concurrent), rps: Math.round(concurrent.length / concurrentSeconds) },
  duplicates: summary(duplicates),
};
console.log(
  `webhook ack latency over HTTP (${result.db} database): sequential p50 ${result.sequential.p50} ms, p95 ${result.sequential.p95} ms; 8 concurrent p95 ${result.concurrent8.p95} ms at ${result.concurrent8.rps}/s; duplicates p95 ${result.duplicates.p95} ms`,
);
console.log(JSON.stringify(result));
