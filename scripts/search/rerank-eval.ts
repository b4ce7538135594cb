// `npm run search:rerank-eval [-- --seed 42 --shoppers 600 --days 28 --dry-run]`: offline
// replay of personalized search re-ranking on a SIMULATED shopper log (the recommendations
// simulator, server/modules/recommendations/eval/simulator.ts) over the seed catalog, loaded
// into a scratch database (BENCH_DATABASE_URL, else embedded) through the normal import and
// indexing path, so the unpersonalized ranking is the app's real search.
// The eval gate: when the personalized ranking beats the unpersonalized one (nDCG@10 higher,
// hit-rate@10 not lower), it is registered as a draft version of `search-personalized` in the
// app's database (DATABASE_URL, else .data) with this replay as its evaluation; --dry-run skips that.
// `--version mver_…`: the gate on an existing personalized version (a new weighting created in
// the console): replays with that version's params.personal weights and records the replay as
// its evaluation (metric beats_unpersonalized says whether it won), registering nothing new.
// Last line: one JSON object with both rankings' metrics and the gate's outcome.
import { parseArgs } from 'node:util';
import { createPrismaClient } from '@/server/db/client';
import { seedCatalog } from '@/server/db/seed';
import { loadCatalog } from '@/server/modules/recommendations/catalog-snapshot';
import { DEFAULT_SIM, simulate } from '@/server/modules/recommendations/eval/simulator';
import { replayRerank, searchesFromLog, type ReplayHit } from '@/server/modules/search/eval/rerank-replay';
import { indexCatalog } from '@/server/modules/search/index-catalog';
import type { PersonalWeights } from '@/server/modules/search/personal-rerank';
import {
  personalVersionWeights,
  recordPersonalReplay,
  registerPersonalRanking,
  type RegisterOutcome,
} from '@/server/modules/search/register-personal-ranking';
import { searchProducts } from '@/server/modules/search/search-products';
import { openBenchDatabase } from '../bench/bench-database';
import { withDatabase } from '../with-database';

const { values } = parseArgs({
  options: {
    seed: { type: 'string', default: String(DEFAULT_SIM.seed) },
    shoppers: { type: 'string', default: String(DEFAULT_SIM.shoppers) },
    days: { type: 'string', default: String(DEFAULT_SIM.days) },
    'dry-run': { type: 'boolean', default: false },
    version: { type: 'string' },
  },
});
const log = (msg: string) => console.error(msg);
const t0 = performance.now();

async function onAppDatabase<T>(fn: (app: ReturnType<typeof createPrismaClient>) => Promise<T>): Promise<T> {
  return withDatabase(async (url) => {
    const app = createPrismaClient(url, 1);
    try {
      return await fn(app);
    } finally {
      await app.$disconnect();
    }
  });
}

// The candidate's weights come from the app's registry before the scratch database opens.
const versionId = values.version;
const weights: PersonalWeights | undefined = versionId
  ? await onAppDatabase((app) => personalVersionWeights(app, versionId))
  : undefined;
if (versionId) log(`evaluating ${versionId} with weights ${JSON.stringify(weights ?? 'defaults')}`);

const scratch = await openBenchDatabase();
const db = createPrismaClient(scratch.url, scratch.poolMax);
let outcome: RegisterOutcome | { registered: false; reason: string } | { versionId: string; beats: boolean };
let report: Awaited<ReturnType<typeof replayRerank>>;
const cfg = { ...DEFAULT_SIM, seed: Number(values.seed), shoppers: Number(values.shoppers), days: Number(values.days) };
const dataset = `simulated shopper log (seed ${cfg.seed}, ${cfg.shoppers} shoppers, ${cfg.days} days) over the seed catalog`;
try {
  await seedCatalog(db, { force: true });
  const indexed = await indexCatalog(db);
  log(`scratch catalog: ${indexed.indexed} documents, ${indexed.embedded} vectors (${indexed.embedder}), ${Math.round(performance.now() - t0)} ms`);

  const catalog = await loadCatalog(db);
  const { events } = simulate([...catalog.items.values()], cfg);
  const searches = searchesFromLog(catalog, events);
  log(`simulated ${events.length} events; ${searches.length} searches followed by views or carts`);

  const rank = async (q: string): Promise<ReplayHit[]> => {
    const hits: ReplayHit[] = [];
    for (const page of [1, 2]) {
      const res = await searchProducts(db, { q, page, pageSize: 60 }, { embedTimeoutMs: 10_000 });
      if (res.zeroResult) break;
      hits.push(...res.items.map((i) => ({ id: i.productId, score: i.score, pinned: i.pinned })));
      if (page >= res.pageCount) break;
    }
    return hits;
  };
  report = await replayRerank(catalog, searches, rank, { k: 10, weights });
} finally {
  await db.$disconnect();
  await scratch.stop();
}

log(`searches with history: ${report.withHistory} of ${report.searches}; personal stage changed the top 10 of ${report.changedTop10}`);
log(`unpersonalized  nDCG@10 ${report.unpersonalized.ndcg.toFixed(4)}  hit@10 ${report.unpersonalized.hitRate.toFixed(4)}`);
log(`personalized    nDCG@10 ${report.personalized.ndcg.toFixed(4)}  hit@10 ${report.personalized.hitRate.toFixed(4)}`);

if (values['dry-run']) {
  outcome = { registered: false, reason: '--dry-run' };
} else {
  try {
    outcome = await onAppDatabase<typeof outcome>((app) =>
      versionId
        ? recordPersonalReplay(app, versionId, report, { dataset })
        : registerPersonalRanking(app, report, { dataset }),
    );
  } catch (err) {
    outcome = { registered: false, reason: `could not open the app database: ${(err as Error).message}` };
  }
}
log(
  'beats' in outcome
    ? `recorded the replay on ${outcome.versionId}: ${outcome.beats ? 'beats' : 'does not beat'} the unpersonalized ranking`
    : outcome.registered
      ? `registered search-personalized v${outcome.version} (${outcome.versionId}) as a draft`
      : `not registered: ${outcome.reason}`,
);
console.log(JSON.stringify({ data: 'simulated', dataset, ...report, gate: outcome, ms: Math.round(performance.now() - t0) }));
