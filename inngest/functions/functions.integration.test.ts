// The app's real functions driven by the embedded runner on a real database.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { inngest } from '@/inngest/client';
import { catalogProductsImported, searchEmbedderChanged } from '@/inngest/events';
import { functions } from '@/inngest/index';
import { createRunner, type Runner } from '@/inngest/runner/driver';
import { send } from '@/inngest/send';
import { useTestDatabase } from '@/server/db/testing';
import { importProducts } from '@/server/modules/catalog/import-products';
import { normalizeWandsProduct } from '@/server/modules/catalog/normalize';
import { parseWandsProducts } from '@/server/modules/catalog/wands-tsv';

const SEED = path.resolve(import.meta.dirname, '../../prisma/seed-data/wands-products.tsv');
const getDb = useTestDatabase();
let runner: Runner;

beforeAll(async () => {
  // Functions use the app's shared client (getDb()); point it at this file's database.
  (globalThis as unknown as { prisma: unknown }).prisma = getDb().prisma;
  runner = createRunner({ db: getDb().prisma, client: inngest, functions, pollMs: 20, log: () => undefined });
  const rows = parseWandsProducts(readFileSync(SEED, 'utf8')).rows.slice(0, 40).map(normalizeWandsProduct);
  await importProducts(getDb().prisma, rows);
});

async function runOf(fn: string) {
  const r = await getDb().query<{ status: string; output: Record<string, unknown> }>(
    `SELECT status::text AS status, output FROM job_runs WHERE function_id = $1 ORDER BY created_at DESC LIMIT 1`,
    [`commerce-${fn}`],
  );
  return r.rows[0];
}
async function until(fn: string, timeoutMs = 60_000) {
  const t0 = Date.now();
  for (;;) {
    const run = await runOf(fn);
    if (run && ['completed', 'failed', 'cancelled'].includes(run.status)) return run;
    if (Date.now() - t0 > timeoutMs) throw new Error(`${fn} did not finish`);
    if ((await runner.tick()) === 0) await new Promise((r) => setTimeout(r, 25));
  }
}
const count = async (sql: string) => (await getDb().query<{ n: number }>(sql)).rows[0]!.n;

describe('catalog pipeline and crons on the embedded runner', () => {
  it('indexes imported products into search documents and vectors', async () => {
    const ids = (await getDb().query<{ id: string }>(`SELECT id FROM products ORDER BY id`)).rows.map((r) => r.id);
    expect(ids).toHaveLength(40);
    // Sent through the app's client: embedded mode stores it in the events table.
    await send(catalogProductsImported.create({ productIds: ids }, { id: 'import-1' }));
    const run = await until('index-imported-products');
    expect(run).toMatchObject({ status: 'completed', output: { batches: 1, indexed: 40, embedded: 40 } });
    expect(await count(`SELECT count(*)::int AS n FROM search_documents`)).toBe(40);
  });

  it('re-embeds the catalog when the embedder changes', async () => {
    // As if the embedder had changed: no product has a vector from the active one.
    await getDb().query(`DELETE FROM product_embeddings`);
    await send(searchEmbedderChanged.create({ embedder: 'lsa' }, { id: 'embedder-1' }));
    const run = await until('reembed-catalog');
    expect(run).toMatchObject({ status: 'completed', output: { requested: 'lsa', batches: 1, embedded: 40 } });
    expect(await count(`SELECT count(*)::int AS n FROM product_embeddings`)).toBe(40);
  });

  it('decays search popularity from the nightly cron', async () => {
    await getDb().query(`UPDATE search_documents SET popularity = 10`);
    await runner.tick();
    await getDb().query(`UPDATE job_crons SET next_run_at = now() - interval '1 minute' WHERE function_id = 'commerce-decay-search-popularity'`);
    const run = await until('decay-search-popularity');
    expect(run).toMatchObject({ status: 'completed', output: { updated: 40 } });
    expect(await count(`SELECT count(*)::int AS n FROM search_documents WHERE abs(popularity - 9) < 1e-9`)).toBe(40);
  });

  it('checks model guardrails for every decision kind on its five-minute cron', async () => {
    await runner.tick();
    await getDb().query(`UPDATE job_crons SET next_run_at = now() - interval '1 minute' WHERE function_id = 'commerce-evaluate-model-guardrails'`);
    const run = await until('evaluate-model-guardrails');
    expect(run?.status).toBe('completed');
    const reports = (run!.output as { reports: { kind: string; rolledBack: boolean }[] }).reports;
    // No models registered: every kind is checked, nothing is rolled back.
    expect(reports.map((r) => [r.kind, r.rolledBack])).toEqual([
      ['search_ranking', false],
      ['risk_score', false],
      ['discount_offer', false],
      ['recommendation', false],
    ]);
  });
});
