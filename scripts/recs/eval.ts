// `npm run recs:eval [-- --seed 42 --shoppers 600 --days 28 --split 0.75]`: offline evaluation
// of the recommendation algorithms on a SIMULATED shopper event log over the real seed catalog
// (server/modules/recommendations/eval/simulator.ts). Train before T, predict after T.
// Last line: one JSON object with hit-rate@10, NDCG@10, recall@10, coverage and novelty per algorithm.
import { parseArgs } from 'node:util';
import { buildCatalog } from '@/server/modules/recommendations/algorithms';
import { evaluateRecs } from '@/server/modules/recommendations/eval/evaluate';
import { loadSeedCatalogItems } from '@/server/modules/recommendations/eval/seed-catalog';
import { DEFAULT_SIM, simulate } from '@/server/modules/recommendations/eval/simulator';

const { values } = parseArgs({
  options: {
    seed: { type: 'string', default: String(DEFAULT_SIM.seed) },
    shoppers: { type: 'string', default: String(DEFAULT_SIM.shoppers) },
    days: { type: 'string', default: String(DEFAULT_SIM.days) },
    split: { type: 'string', default: '0.75' },
  },
});
const t0 = performance.now();
const items = loadSeedCatalogItems();
const cfg = { ...DEFAULT_SIM, seed: Number(values.seed), shoppers: Number(values.shoppers), days: Number(values.days) };
const { events } = simulate(items, cfg);
const splitAt = cfg.start + Math.round(Number(values.split) * cfg.days * 86_400_000);
const report = evaluateRecs(buildCatalog(items), events, { splitAt, k: 10 });
console.error(
  `simulated ${cfg.shoppers} shoppers over ${cfg.days} days (seed ${cfg.seed}): ${events.length} events on ${items.length} products; ` +
    `split at ${report.splitAt}, ${report.shoppersEvaluated} shoppers evaluated (${Math.round(performance.now() - t0)} ms)`,
);
for (const [name, m] of Object.entries(report.algorithms))
  console.error(
    `${name.padEnd(13)} hit@10 ${m.hitRate.toFixed(3)}  ndcg@10 ${m.ndcg.toFixed(3)}  recall@10 ${m.recall.toFixed(3)}  coverage ${m.coverage.toFixed(3)}  novelty ${m.novelty.toFixed(2)}`,
  );
console.log(JSON.stringify({ data: 'simulated', seed: cfg.seed, shoppers: cfg.shoppers, days: cfg.days, ...report }));
