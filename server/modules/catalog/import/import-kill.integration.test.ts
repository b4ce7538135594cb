// Kill test: a real worker process (`npm run worker`'s script) is SIGKILLed in the middle of an
// import, inside a chunk's transaction; a second worker started afterwards finishes it. The
// chunk that was in flight leaves nothing behind, finished chunks are not redone, no product is
// duplicated and the counts are exact. Needs a Postgres server (TEST_DATABASE_URL): two processes
// cannot share the in-memory PGlite.
//
// Determinism without test hooks in the code: the test holds a row lock on one product the
// import will update (row 301, chunk 6 of 12), so the worker blocks inside chunk 6 with chunks
// 0–5 committed, and is killed there.
import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { setEventStoreDb } from '@/inngest/runner/event-store';
import { useTestDatabase } from '@/server/db/testing';
import { newId } from '@/server/lib/ids';
import { startImport } from './start-import';

const ROOT = path.resolve(import.meta.dirname, '../../../..');
const ROWS = 600;
const CHUNK = 50;
const LOCKED_ROW = 301;
const children: ChildProcess[] = [];
const sku = (i: number) => `KILL-${String(i).padStart(4, '0')}`;

function worker(url: string): ChildProcess {
  const env: NodeJS.ProcessEnv = { ...process.env, DATABASE_URL: url, NODE_ENV: 'production', LOG_LEVEL: 'error' };
  delete env.INNGEST_EVENT_KEY;
  delete env.INNGEST_SIGNING_KEY;
  delete env.DATABASE_EMBEDDED;
  const child = spawn(process.execPath, ['--import', 'tsx', path.join(ROOT, 'scripts/worker.ts')], { cwd: ROOT, env, stdio: 'ignore' });
  children.push(child);
  return child;
}

describe.skipIf(!process.env.TEST_DATABASE_URL)('catalog import killed mid-way', () => {
  const getDb = useTestDatabase();
  let locker: pg.Client;
  let lockedProductId: string;

  beforeAll(async () => {
    setEventStoreDb(getDb().prisma);
    // An existing product the import will update (it has no import hash yet).
    lockedProductId = newId('prod');
    await getDb().prisma.product.create({
      data: {
        id: lockedProductId,
        slug: 'kill-existing',
        title: 'Existing Product',
        categoryPath: ['Furniture'],
        variants: { create: { id: newId('var'), sku: sku(LOCKED_ROW), priceCents: 1_000, stockOnHand: 1 } },
      },
    });
  });
  afterAll(async () => {
    for (const c of children) if (c.exitCode === null) c.kill('SIGKILL');
    await locker?.end().catch(() => undefined);
  });

  const q = async <R extends pg.QueryResultRow>(sql: string, params?: unknown[]) => (await getDb().query<R>(sql, params)).rows;
  async function waitFor(pred: () => Promise<boolean>, ms: number, what: string) {
    const t0 = Date.now();
    while (!(await pred())) {
      if (Date.now() - t0 > ms) throw new Error(`timed out waiting for ${what}`);
      await new Promise((r) => setTimeout(r, 100));
    }
  }

  it('resumes after the worker is killed inside a chunk: no duplicates, exact counts', { timeout: 300_000 }, async () => {
    const lines = ['sku,title,description,category_path,price,stock'];
    for (let i = 1; i <= ROWS; i++) lines.push(`${sku(i)},Kill Test Chair ${i},A sturdy chair number ${i},Furniture / Chairs,${100 + i}.00,${i % 7}`);
    const { importId } = await startImport(getDb().prisma, { format: 'csv', content: lines.join('\n'), fileName: 'kill.csv' }, { source: 'console', chunkRows: CHUNK });

    locker = new pg.Client({ connectionString: getDb().url });
    await locker.connect();
    await locker.query('BEGIN');
    await locker.query('SELECT id FROM products WHERE id = $1 FOR UPDATE', [lockedProductId]);

    const first = worker(getDb().url);
    const blockedChunkStart = Math.floor((LOCKED_ROW - 1) / CHUNK) * CHUNK;
    await waitFor(
      async () => {
        const [imp] = await q<{ processed: number }>(`SELECT processed FROM catalog_imports WHERE id = $1`, [importId]);
        const [waiting] = await q<{ n: number }>(
          `SELECT count(*)::int AS n FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock'`,
        );
        return imp!.processed === blockedChunkStart && waiting!.n > 0;
      },
      90_000,
      'the worker to block inside the chunk holding the locked row',
    );
    first.kill('SIGKILL');
    await new Promise((r) => first.once('exit', r));

    // The killed chunk's transaction is gone with its connection: only whole chunks are written.
    const [mid] = await q<{ products: number; processed: number; status: string }>(
      `SELECT (SELECT count(*)::int FROM product_variants WHERE sku LIKE 'KILL-%') AS products, processed, status::text AS status
       FROM catalog_imports WHERE id = $1`,
      [importId],
    );
    expect(mid).toEqual({ products: blockedChunkStart + 1, processed: blockedChunkStart, status: 'running' });
    await locker.query('ROLLBACK');

    worker(getDb().url);
    await waitFor(
      async () => (await q<{ status: string }>(`SELECT status::text AS status FROM catalog_imports WHERE id = $1`, [importId]))[0]!.status === 'completed',
      120_000,
      'the second worker to finish the import',
    );

    const [done] = await q(`SELECT total, processed, created, updated, unchanged, failed FROM catalog_imports WHERE id = $1`, [importId]);
    // Re-done chunks would count their rows twice (processed > total) or as unchanged.
    expect(done).toEqual({ total: ROWS, processed: ROWS, created: ROWS - 1, updated: 1, unchanged: 0, failed: 0 });
    const [catalog] = await q(
      `SELECT count(*)::int AS variants, count(DISTINCT v.sku)::int AS skus, count(DISTINCT v.product_id)::int AS products,
              (SELECT count(*)::int FROM products WHERE title LIKE 'Kill Test Chair %') AS titled,
              (SELECT count(*)::int FROM products p WHERE NOT EXISTS (SELECT 1 FROM product_variants x WHERE x.product_id = p.id)) AS orphans
       FROM product_variants v WHERE v.sku LIKE 'KILL-%'`,
    );
    expect(catalog).toEqual({ variants: ROWS, skus: ROWS, products: ROWS, titled: ROWS, orphans: 0 });
    expect((await q(`SELECT price_cents, stock_on_hand FROM product_variants WHERE sku = $1`, [sku(LOCKED_ROW)]))[0]).toEqual({
      price_cents: 40_100,
      stock_on_hand: LOCKED_ROW % 7,
    });
    // Every changed product was sent for indexing exactly once (one event per chunk, ids dedupe).
    const [sent] = await q<{ events: number; ids: number; distinct_ids: number }>(
      `SELECT count(DISTINCT e.id)::int AS events, count(*)::int AS ids, count(DISTINCT x.id)::int AS distinct_ids
       FROM events e, jsonb_array_elements_text(e.data->'productIds') AS x(id)
       WHERE e.name = 'catalog/products.imported' AND e.data->>'source' = $1`,
      [`import:${importId}`],
    );
    expect(sent).toEqual({ events: ROWS / CHUNK, ids: ROWS, distinct_ids: ROWS });
  });
});
