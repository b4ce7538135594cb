// Scores a ranking function over a judged query set: nDCG@10, MRR@10, recall@100 and the
// zero-result rate, per query and averaged.
import type { JudgedSet } from './judgments';
import { mrrAt, ndcgAt, recallAt, summarize, type QueryMetrics } from './metrics';

export type RankFn = (query: string) => Promise<string[]>;
export type EngineReport = {
  summary: { 'ndcg@10': number; 'mrr@10': number; 'recall@100': number; zero_result_rate: number };
  perQuery: (QueryMetrics & { query: string; top10: string[] })[];
};

const r4 = (x: number | null | undefined) => Math.round((x ?? 0) * 10_000) / 10_000;

export async function evaluateEngine(judged: JudgedSet, rank: RankFn): Promise<EngineReport> {
  const perQuery: EngineReport['perQuery'] = [];
  let zero = 0;
  for (const q of judged.queries) {
    const grades = judged.labels.get(q.id) ?? new Map<string, number>();
    const ranked = await rank(q.text); // the query text only: query_class is never an input
    if (ranked.length === 0) zero += 1;
    perQuery.push({
      queryId: q.id,
      query: q.text,
      top10: ranked.slice(0, 10),
      metrics: {
        'ndcg@10': ndcgAt(ranked, grades, 10),
        'mrr@10': mrrAt(ranked, grades, 10),
        'recall@100': recallAt(ranked, grades, 100),
      },
    });
  }
  const s = summarize(perQuery);
  return {
    summary: {
      'ndcg@10': r4(s['ndcg@10']?.mean),
      'mrr@10': r4(s['mrr@10']?.mean),
      'recall@100': r4(s['recall@100']?.mean),
      zero_result_rate: r4(judged.queries.length ? zero / judged.queries.length : 0),
    },
    perQuery,
  };
}
