// Compares search embedders on the WANDS dev queries by dense retrieval alone: every
// product is embedded, each query ranks all products by cosine (brute force), and we report
// nDCG@10, MRR@10, recall@100 plus training/embedding times. Only the query text is used,
// never query_class. The last line of output is one JSON object (ADR 004 records a run).
//
//   npx tsx scripts/search/compare-embedders.ts [path/to/wands]
import path from 'node:path';
import { blendEmbedder } from '@/server/ml/embedders/blend';
import { lsaEmbedder, trainLsa } from '@/server/ml/embedders/lsa';
import { dot, embedInBatches, type Embedder } from '@/server/ml/embedders/types';
import { createUseLiteEmbedder, warmUseLite } from '@/server/ml/embedders/use-lite';
import { loadJudgedSet, productText } from '@/server/modules/search/eval/judgments';
import { mrrAt, ndcgAt, recallAt, summarize } from '@/server/modules/search/eval/metrics';

/** "Fast enough" for the query path: a query embedding must cost at most this (median). */
const QUERY_BUDGET_MS = 5;

const dataDir = path.resolve(process.argv[2] ?? path.join(import.meta.dirname, '../../../shared/data/wands'));
const now = () => performance.now();
const round = (x: number, digits = 4) => Number(x.toFixed(digits));
const log = (...args: unknown[]) => console.log(...args);

type Candidate = { name: string; embedder: Embedder; trainMs?: number; docVectors?: Float32Array[]; docEmbedMs?: number; docNote?: string };

/** Serves stored document vectors, so a blend reuses its parts' product embeddings. */
function withStoredVectors(embedder: Embedder, texts: string[], vectors: Float32Array[]): Embedder {
  const store = new Map(texts.map((t, i) => [t, vectors[i]!]));
  return {
    ...embedder,
    async embed(batch, opts) {
      const missing = [...new Set(batch.filter((t) => !store.has(t)))];
      if (missing.length > 0) (await embedder.embed(missing, opts)).forEach((v, i) => store.set(missing[i]!, v));
      return batch.map((t) => store.get(t)!);
    },
  };
}

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))]!;
}

async function main() {
  const set = await loadJudgedSet(dataDir);
  log(`judged set ${dataDir}: ${set.products.length} products, ${set.queries.length} queries`, set.stats);
  const texts = set.products.map(productText);
  const ids = set.products.map((p) => p.product_id);

  const candidates: Candidate[] = [];
  for (const k of [128, 256]) {
    const t0 = now();
    const model = trainLsa(texts, { k });
    const trainMs = now() - t0;
    log(`lsa k=${k}: trained in ${trainMs.toFixed(0)} ms (vocabulary ${model.vocab.length}, version ${model.version})`);
    candidates.push({ name: `lsa-${k}`, embedder: lsaEmbedder(model), trainMs });
  }
  const t0 = now();
  await warmUseLite();
  log(`use-lite: model loaded in ${(now() - t0).toFixed(0)} ms`);
  candidates.push({ name: 'use-lite', embedder: createUseLiteEmbedder() });

  for (const c of candidates) {
    const start = now();
    c.docVectors = await embedInBatches((batch) => c.embedder.embed(batch), texts, {
      batchSize: 64,
      onProgress: (done, total) => {
        if (done % 1024 < 64 || done === total) process.stderr.write(`  ${c.name}: ${done}/${total}\r`);
      },
    });
    c.docEmbedMs = now() - start;
    process.stderr.write('\n');
    log(`${c.name}: embedded ${texts.length} products in ${c.docEmbedMs.toFixed(0)} ms`);
  }

  const byName = new Map(candidates.map((c) => [c.name, c]));
  const stored = (name: string) => {
    const c = byName.get(name)!;
    return withStoredVectors(c.embedder, texts, c.docVectors!);
  };
  for (const lsaWeight of [0.5, 0.7, 0.85]) {
    const parts = [
      { embedder: stored('lsa-256'), weight: lsaWeight },
      { embedder: stored('use-lite'), weight: round(1 - lsaWeight, 2) },
    ];
    const blend = blendEmbedder(parts);
    const start = now();
    const docVectors = await blend.embed(texts); // parts' vectors come from the store: this is the concatenation cost only
    const parts_ms = byName.get('lsa-256')!.docEmbedMs! + byName.get('use-lite')!.docEmbedMs!;
    candidates.push({
      name: `blend(lsa-256 ${lsaWeight}, use-lite ${round(1 - lsaWeight, 2)})`,
      embedder: blend,
      docVectors,
      docEmbedMs: parts_ms + (now() - start),
      docNote: 'sum of parts',
    });
  }

  const perQueryNdcg = new Map<string, (number | null)[]>();
  const results = [];
  for (const c of candidates) {
    // One warm-up call so JIT and lazy loading do not count against the first query.
    await c.embedder.embed(['warm up the query path']);
    const latencies: number[] = [];
    const perQuery = [];
    for (const q of set.queries) {
      const start = now();
      const [qv] = await c.embedder.embed([q.text]);
      latencies.push(now() - start);
      const ranked = c
        .docVectors!.map((d, i) => ({ i, s: dot(qv!, d) }))
        .sort((a, b) => b.s - a.s || a.i - b.i)
        .slice(0, 100)
        .map(({ i }) => ids[i]!);
      const grades = set.labels.get(q.id) ?? new Map<string, number>();
      const metrics = { ndcg10: ndcgAt(ranked, grades, 10), mrr10: mrrAt(ranked, grades, 10), recall100: recallAt(ranked, grades, 100) };
      perQuery.push({ queryId: q.id, metrics });
      perQueryNdcg.set(q.id, [...(perQueryNdcg.get(q.id) ?? []), metrics.ndcg10]);
    }
    const summary = summarize(perQuery);
    latencies.sort((a, b) => a - b);
    results.push({
      embedder: c.name,
      id: c.embedder.id,
      version: c.embedder.version,
      dimension: c.embedder.dimension,
      ndcg10: round(summary.ndcg10!.mean ?? 0),
      mrr10: round(summary.mrr10!.mean ?? 0),
      recall100: round(summary.recall100!.mean ?? 0),
      excludedQueries: summary.ndcg10!.excluded,
      trainMs: c.trainMs === undefined ? null : Math.round(c.trainMs),
      docEmbedMs: Math.round(c.docEmbedMs!),
      docEmbedNote: c.docNote ?? null,
      queryMsMedian: round(percentile(latencies, 0.5), 2),
      queryMsP95: round(percentile(latencies, 0.95), 2),
    });
  }

  log('\nnDCG@10 per query (columns in table order)');
  for (const q of set.queries) {
    log(`  ${q.id.padStart(4)} ${q.text.padEnd(36).slice(0, 36)} ${perQueryNdcg.get(q.id)!.map((v) => (v === null ? '  -  ' : v.toFixed(3))).join(' ')}`);
  }
  log('\n| embedder | dim | nDCG@10 | MRR@10 | recall@100 | train ms | embed 6,482 products ms | query ms (median / p95) |');
  log('|---|---|---|---|---|---|---|---|');
  for (const r of results) {
    log(
      `| ${r.embedder} | ${r.dimension} | ${r.ndcg10.toFixed(4)} | ${r.mrr10.toFixed(4)} | ${r.recall100.toFixed(4)} | ${r.trainMs ?? '–'} | ${r.docEmbedMs}${r.docEmbedNote ? ` (${r.docEmbedNote})` : ''} | ${r.queryMsMedian} / ${r.queryMsP95} |`,
    );
  }
  const fast = results.filter((r) => r.queryMsMedian <= QUERY_BUDGET_MS).sort((a, b) => b.ndcg10 - a.ndcg10);
  const best = [...results].sort((a, b) => b.ndcg10 - a.ndcg10)[0]!;
  log(`\nbest nDCG@10: ${best.embedder}; best within ${QUERY_BUDGET_MS} ms/query: ${fast[0]?.embedder ?? 'none'}`);
  console.log(
    JSON.stringify({
      dataset: 'wands-dev',
      products: set.products.length,
      queries: set.queries.length,
      queryBudgetMs: QUERY_BUDGET_MS,
      bestNdcg10: best.embedder,
      recommended: fast[0]?.embedder ?? null,
      results,
    }),
  );
}

main().catch((err: unknown) => {
  console.error(err);
  process.exitCode = 1;
});
