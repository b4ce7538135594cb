// `npm run search:eval -- --data <dir> [--out file]`: the app's real search over a judged
// WANDS-format set, against its keyword-only and vector-only ablations and Orama BM25.
// Products go into a scratch embedded database through the normal import + indexing path.
// Last line: one JSON object with the summary.
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { createPrismaClient } from '@/server/db/client';
import { startEmbeddedPostgres } from '@/server/db/embedded';
import { migrateDatabase } from '@/server/db/bootstrap';
import { evaluateEngine, type RankFn } from '@/server/modules/search/eval/evaluate';
import { loadJudgedSet } from '@/server/modules/search/eval/judgments';
import { buildOramaIndex, oramaKeyword } from '@/server/modules/search/eval/orama-baseline';
import { loadScratchCatalog } from '@/server/modules/search/eval/scratch-catalog';
import { DEFAULT_RANKING, type RankingConfig } from '@/server/modules/search/ranking-config';
import { searchProducts } from '@/server/modules/search/search-products';
import { getActiveRanking } from '@/server/modules/search/settings-versions';

const { values } = parseArgs({
  options: { data: { type: 'string', default: '../shared/data/wands' }, out: { type: 'string' } },
});
const judged = await loadJudgedSet(values.data!);
console.error(`judged set: ${judged.products.length} products, ${judged.queries.length} queries, ${judged.stats.pairs} judged pairs`);

const pg = await startEmbeddedPostgres();
await migrateDatabase(pg.url);
const db = createPrismaClient(pg.url, 1);
const scratch = await loadScratchCatalog(db, judged.products);
console.error(`loaded into a scratch database with ${scratch.embedder} (import ${scratch.timings.importMs} ms, index ${scratch.timings.indexMs} ms)`);

function engine(override?: RankingConfig): RankFn {
  return async (q) => {
    const ids: string[] = [];
    for (const page of [1, 2]) {
      const res = await searchProducts(db, { q, page, pageSize: 50 }, { rankingOverride: override, embedTimeoutMs: 10_000 });
      if (res.zeroResult) return []; // relaxed fallbacks are not matches
      ids.push(...res.items.map((i) => i.productId));
    }
    return ids.map((id) => scratch.toSourceId.get(id)!).filter(Boolean);
  };
}

const active = (await getActiveRanking(db)).config;
const keywordOnly: RankingConfig = { ...active, weights: { keyword: 1, vector: 0 } };
const vectorOnly: RankingConfig = { ...active, weights: { keyword: 0, vector: 1 } };

const orama = await buildOramaIndex(
  judged.products.map((p) => ({ id: p.product_id, title: p.product_name, classes: p.product_class.replaceAll('|', ' '), category: p.category_hierarchy })),
);

const reports = {
  engine: await evaluateEngine(judged, engine()),
  keyword_only: await evaluateEngine(judged, engine(keywordOnly)),
  vector_only: await evaluateEngine(judged, engine(vectorOnly)),
  orama_bm25: await evaluateEngine(judged, (q) => oramaKeyword(orama, q, 100)),
};

const out = values.out ?? `.data/eval/search-eval-${new Date().toISOString().replace(/[:.]/g, '-')}.json`;
mkdirSync(path.dirname(out), { recursive: true });
writeFileSync(out, JSON.stringify({ data: values.data, embedder: scratch.embedder, defaults: DEFAULT_RANKING, reports }, null, 2));
for (const [name, r] of Object.entries(reports)) console.error(name.padEnd(13), JSON.stringify(r.summary));
const lift = reports.orama_bm25.summary['ndcg@10'] ? reports.engine.summary['ndcg@10'] / reports.orama_bm25.summary['ndcg@10'] - 1 : 0;
console.error(`nDCG@10 lift over Orama BM25: ${(lift * 100).toFixed(1)}% · per-query results in ${out}`);

await db.$disconnect();
await pg.stop();
console.log(
  JSON.stringify({
    queries: judged.queries.length,
    ...Object.fromEntries(Object.entries(reports).map(([k, r]) => [k, r.summary])),
  }),
);
