// `npm run bench:db`: what the embedded database can take. (1) The pglite-socket pool
// measurement behind ADR 001: concurrent parameterised queries and interactive
// transactions through Prisma with pool sizes 1, 2 and 4. (2) pgvector on PGlite: HNSW build over 10k×384 vectors and kNN latency.
// Prints a JSON summary as its last line.
import pg from 'pg';
import { createPrismaClient } from '@/server/db/client';
import { startEmbeddedPostgres } from '@/server/db/embedded';

const QUERIES = 300;
const TIMEOUT_MS = 15_000;

async function poolRun(url: string, poolMax: number) {
  const db = createPrismaClient(url, poolMax);
  const started = performance.now();
  let ok = 0;
  const errors = new Map<string, number>();
  const work = Promise.all(
    Array.from({ length: QUERIES }, async (_, i) => {
      try {
        // Every third request is an interactive transaction, as checkout will use.
        const rows =
          i % 3 === 0
            ? await db.$transaction(async (tx) => {
                await tx.$queryRaw`SELECT pg_sleep(0.002)::text AS s`;
                return tx.$queryRaw<{ n: number }[]>`SELECT ${i}::int AS n`;
              })
            : await db.$queryRaw<{ n: number }[]>`SELECT ${i}::int AS n, pg_sleep(0.001)::text AS s`;
        if (rows[0]?.n === i) ok += 1;
        else errors.set('wrong row', (errors.get('wrong row') ?? 0) + 1);
      } catch (err) {
        const msg = (err as Error).message.split('\n').at(-1)!.slice(0, 80);
        errors.set(msg, (errors.get(msg) ?? 0) + 1);
      }
    }),
  );
  const timedOut = await Promise.race([work.then(() => false), new Promise<boolean>((r) => setTimeout(() => r(true), TIMEOUT_MS))]);
  const ms = performance.now() - started;
  await Promise.race([db.$disconnect(), new Promise((r) => setTimeout(r, 2000))]);
  return { poolMax, ok, failed: QUERIES - ok, hung: timedOut, ms: Math.round(ms), errors: Object.fromEntries(errors) };
}

function randomVector(dim: number, seed: number): string {
  let x = seed;
  const v = Array.from({ length: dim }, () => {
    x = (x * 1103515245 + 12345) % 2 ** 31;
    return x / 2 ** 31 - 0.5;
  });
  return `[${v.map((n) => n.toFixed(5)).join(',')}]`;
}

async function vectorRun(url: string) {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  await client.query('CREATE EXTENSION IF NOT EXISTS vector');
  await client.query('CREATE TABLE bench_vec (id int PRIMARY KEY, embedding vector(384))');
  const N = 10_000;
  for (let i = 0; i < N; i += 500) {
    const values = Array.from({ length: 500 }, (_, j) => `(${i + j}, '${randomVector(384, i + j + 1)}')`).join(',');
    await client.query(`INSERT INTO bench_vec VALUES ${values}`);
  }
  let t = performance.now();
  await client.query('CREATE INDEX ON bench_vec USING hnsw (embedding vector_cosine_ops)');
  const hnswBuildMs = Math.round(performance.now() - t);
  const latencies: number[] = [];
  for (let q = 0; q < 100; q++) {
    t = performance.now();
    await client.query('SELECT id FROM bench_vec ORDER BY embedding <=> $1 LIMIT 10', [randomVector(384, 10_000_000 + q)]);
    latencies.push(performance.now() - t);
  }
  latencies.sort((a, b) => a - b);
  await client.end();
  return { vectors: N, dim: 384, hnswBuildMs, knnP50Ms: +latencies[49]!.toFixed(2), knnP95Ms: +latencies[94]!.toFixed(2) };
}

const results: Record<string, unknown> = {};
for (const poolMax of [1, 2, 4]) {
  if (process.argv.includes('--skip-pool')) break;
  const server = await startEmbeddedPostgres();
  const r = await poolRun(server.url, poolMax);
  console.log(`pool ${poolMax}: ${r.ok}/${QUERIES} ok, hung=${r.hung}, ${r.ms} ms`, r.errors);
  results[`pool${poolMax}`] = r;
  await Promise.race([server.stop(), new Promise((res) => setTimeout(res, 2000))]);
}
if (!process.argv.includes('--skip-vector')) {
  const server = await startEmbeddedPostgres();
  results.vector = await vectorRun(server.url);
  console.log('vector', results.vector);
  await server.stop();
}
console.log(JSON.stringify({ bench: 'embedded-db', queries: QUERIES, ...results }));
process.exit(0);
