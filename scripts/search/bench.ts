// `npm run bench:search`: search and autocomplete latency on the WANDS catalog and on a
// 50k-product catalog (WANDS replicated under new ids), side by side with Orama running the
// same hybrid query (BM25 + the same vectors) in process, at 1, 8 and 32 concurrent callers.
// Embedded Postgres by default; BENCH_DATABASE_URL (a server role that may CREATE DATABASE)
// benchmarks a real server instead. Last line: JSON for 8 callers on the 50k catalog.
import { mkdirSync, writeFileSync } from 'node:fs';
import pg from 'pg';
import { ulid } from 'ulid';
import { parseArgs } from 'node:util';
import { migrateDatabase } from '@/server/db/bootstrap';
import { createPrismaClient } from '@/server/db/client';
import { startEmbeddedPostgres } from '@/server/db/embedded';
import { getActiveEmbedder } from '@/server/modules/search/active-embedder';
import { autocomplete } from '@/server/modules/search/autocomplete';
import { loadJudgedSet } from '@/server/modules/search/eval/judgments';
import { measure, type LatencyStats } from '@/server/modules/search/eval/latency';
import { buildOramaIndex, oramaHybrid } from '@/server/modules/search/eval/orama-baseline';
import { loadScratchCatalog } from '@/server/modules/search/eval/scratch-catalog';
import { embeddingText } from '@/server/modules/search/index-documents';
import { searchProducts } from '@/server/modules/search/search-products';
import { search as oramaSearch } from '@orama/orama';
import type { WandsProductRow } from '@/server/modules/catalog/wands-tsv';

const { values } = parseArgs({
  options: {
    data: { type: 'string', default: '../shared/data/wands' },
    large: { type: 'string', default: '50000' },
    requests: { type: 'string', default: '300' },
    // Quick runs: `-- --levels 8 --skip-small` measures only the headline figure.
    levels: { type: 'string', default: '1,8,32' },
    'skip-small': { type: 'boolean', default: false },
  },
});
const judged = await loadJudgedSet(values.data!);
const queries = judged.queries.map((q) => q.text);
const prefixes = queries.flatMap((q) => Array.from({ length: Math.min(q.length, 10) - 1 }, (_, i) => q.slice(0, i + 2)));
const REQUESTS = Number(values.requests);
const LEVELS = values.levels!.split(',').map(Number);

function replicate(rows: WandsProductRow[], n: number): WandsProductRow[] {
  return Array.from({ length: n }, (_, i) => {
    const src = rows[i % rows.length]!;
    const copy = Math.floor(i / rows.length);
    return copy === 0 ? src : { ...src, product_id: String(Number(src.product_id) + copy * 1_000_000) };
  });
}

async function scratchDb() {
  const admin = process.env.BENCH_DATABASE_URL;
  if (!admin) {
    const server = await startEmbeddedPostgres();
    return { url: server.url, poolMax: 1, stop: () => server.stop() };
  }
  const name = `bench_${ulid().toLowerCase()}`;
  const c = new pg.Client({ connectionString: admin });
  await c.connect();
  await c.query(`CREATE DATABASE "${name}"`);
  await c.end();
  const u = new URL(admin);
  u.pathname = `/${name}`;
  return {
    url: u.toString(),
    poolMax: 8,
    stop: async () => {
      const d = new pg.Client({ connectionString: admin });
      await d.connect();
      await d.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
      await d.end();
    },
  };
}

type Row = { engine: Record<string, LatencyStats>; orama: Record<string, LatencyStats> };

async function benchCatalog(products: WandsProductRow[]) {
  const target = await scratchDb();
  await migrateDatabase(target.url);
  const db = createPrismaClient(target.url, target.poolMax);
  const t0 = performance.now();
  const scratch = await loadScratchCatalog(db, products);
  console.error(`${products.length} products loaded and indexed in ${Math.round(performance.now() - t0)} ms (${scratch.embedder})`);
  const embedder = await getActiveEmbedder(db);
  const docs = await db.product.findMany({ select: { id: true, title: true, classes: true, categoryPath: true } });
  const vectors = await embedder.embed(docs.map(embeddingText));
  const orama = await buildOramaIndex(
    docs.map((d, i) => ({ id: d.id, title: d.title, classes: d.classes.join(' '), category: d.categoryPath.join(' '), embedding: Array.from(vectors[i]!) })),
    embedder.dimension,
  );
  const queryVectors = await embedder.embed(queries);
  // Warm both: caches, JIT, the HNSW pages.
  for (const q of queries) await searchProducts(db, { q });
  await autocomplete(db, { q: 'so' });
  const result: Record<number, Row> = {};
  for (const c of LEVELS) {
    result[c] = {
      engine: {
        search: await measure(REQUESTS, c, (i) => searchProducts(db, { q: queries[i % queries.length]! })),
        autocomplete: await measure(REQUESTS * 3, c, (i) => autocomplete(db, { q: prefixes[i % prefixes.length]! })),
      },
      orama: {
        search: await measure(REQUESTS, c, (i) => oramaHybrid(orama, queries[i % queries.length]!, Array.from(queryVectors[i % queries.length]!), 24)),
        autocomplete: await measure(REQUESTS * 3, c, async (i) =>
          oramaSearch(orama, { term: prefixes[i % prefixes.length]!, properties: ['title'], limit: 8 }),
        ),
      },
    };
    console.error(`${products.length} @${c}: engine search p95 ${result[c].engine.search!.p95} ms, autocomplete p95 ${result[c].engine.autocomplete!.p95} ms; orama search p95 ${result[c].orama.search!.p95} ms, autocomplete p95 ${result[c].orama.autocomplete!.p95} ms`);
  }
  await db.$disconnect();
  await target.stop();
  return result;
}

const small = values['skip-small'] ? {} : await benchCatalog(judged.products);
const large = await benchCatalog(replicate(judged.products, Number(values.large)));
const file = `.data/bench/search-${new Date().toISOString().replace(/[:.]/g, '-')}.json`;
mkdirSync('.data/bench', { recursive: true });
writeFileSync(file, JSON.stringify({ database: process.env.BENCH_DATABASE_URL ? 'server' : 'embedded', small: { products: judged.products.length, levels: small }, large: { products: Number(values.large), levels: large } }, null, 2));
console.error(`all sizes and levels: ${file}`);
const at8 = large[8]!;
console.log(JSON.stringify({ products: Number(values.large), database: process.env.BENCH_DATABASE_URL ? 'server' : 'embedded', engine: at8.engine, orama: at8.orama }));
process.exit(0);
