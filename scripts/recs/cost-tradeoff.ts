// `npm run recs:cost-tradeoff [-- --sample 150 --days 30 --simulated --seed 42 --shoppers 300]`:
// cost against quality of the cheaper recommendation and search paths, on the same traffic.
// Replays a sample of the app database's logged shopper requests (product views, home visits,
// searches from the event log of the last --days) through every path and stores the run, which
// Console → Recommendations shows. With fewer than 30 replayable requests logged (or with
// --simulated), the requests come from the shopper simulator over the app's own catalog, and
// the run says so (source: simulated). `--simulated --train` is for a scratch database with no
// traffic: it writes the simulated log before day --split into the event log, rebuilds
// co-occurrence from it, and replays only the requests after that day (never on a live store).
// Last line: one JSON object with cost per 1k, compute ms, embedder calls, nDCG@10, hit-rate@10
// and overlap@10 with the full path, per path.
import { parseArgs } from 'node:util';
import { createPrismaClient } from '@/server/db/client';
import { shopperEventsBetween } from '@/server/modules/events/read-shopper-events';
import { insertEvents } from '@/server/modules/events/insert-events';
import { invalidateCatalog, loadCatalog } from '@/server/modules/recommendations/catalog-snapshot';
import { rebuildCooccurrence } from '@/server/modules/recommendations/cooc-store';
import { measureTradeoff, storeTradeoffRun } from '@/server/modules/recommendations/cost-tradeoff';
import { DEFAULT_SIM, simulate } from '@/server/modules/recommendations/eval/simulator';
import { LEARNING_EVENTS } from '@/server/modules/recommendations/shopper-events';
import { sampleEvenly, tradeoffRequests } from '@/server/modules/recommendations/tradeoff-requests';
import type { LogEvent } from '@/server/modules/search/eval/rerank-replay';
import { withDatabase } from '../with-database';

const { values } = parseArgs({
  options: {
    sample: { type: 'string', default: '150' },
    days: { type: 'string', default: '30' },
    simulated: { type: 'boolean', default: false },
    seed: { type: 'string', default: String(DEFAULT_SIM.seed) },
    shoppers: { type: 'string', default: '300' },
    train: { type: 'boolean', default: false },
    split: { type: 'string', default: '0.75' },
  },
});
const log = (msg: string) => console.error(msg);
const sample = Number(values.sample);
if (!Number.isInteger(sample) || sample < 1 || sample > 5000) throw new Error('--sample must be a whole number from 1 to 5000');
const t0 = performance.now();

const report = await withDatabase(async (url) => {
  const db = createPrismaClient(url, 2);
  try {
    const catalog = await loadCatalog(db);
    const until = new Date();
    const since = new Date(until.getTime() - Number(values.days) * 86_400_000);
    let events: LogEvent[] = [];
    if (!values.simulated) {
      let after: { ts: Date; id: string } | undefined;
      for (;;) {
        const page = await shopperEventsBetween(db, {
          names: [...LEARNING_EVENTS, 'shopper/search.performed'],
          since,
          until,
          after,
          limit: 5000,
        });
        events.push(...page.map((e) => ({ name: e.name, ts: e.ts.getTime(), data: e.data })));
        if (page.length < 5000 || events.length >= 200_000) break;
        after = { ts: page.at(-1)!.ts, id: page.at(-1)!.id };
      }
    }
    let requests = tradeoffRequests(catalog, events, sample);
    let source: 'logged' | 'simulated' = 'logged';
    if (requests.recs.length + requests.searches.length < 30) {
      log(`${events.length} logged events give ${requests.recs.length + requests.searches.length} replayable requests: using the shopper simulator`);
      const cfg = { ...DEFAULT_SIM, seed: Number(values.seed), shoppers: Number(values.shoppers) };
      events = simulate([...catalog.items.values()], cfg).events;
      source = 'simulated';
      if (values.train) {
        const splitAt = cfg.start + Math.round(Number(values.split) * cfg.days * 86_400_000);
        const before = events.filter((e) => e.ts < splitAt);
        for (let i = 0; i < before.length; i += 1000)
          await insertEvents(
            db,
            before.slice(i, i + 1000).map((e, j) => ({ id: `sim_tradeoff_${values.seed}_${i + j}`, name: e.name, ts: e.ts, data: e.data })),
            { source: 'simulator', processed: true },
          );
        const built = await rebuildCooccurrence(db, { now: new Date(splitAt) });
        invalidateCatalog(db);
        log(`trained on ${before.length} simulated events before the split: ${JSON.stringify(built)}`);
        const all = tradeoffRequests(catalog, events, 1_000_000);
        requests = {
          recs: sampleEvenly(all.recs.filter((r) => r.ts >= splitAt && r.placement === 'product'), sample - Math.floor(sample / 3)).concat(
            sampleEvenly(all.recs.filter((r) => r.ts >= splitAt && r.placement === 'home'), Math.floor(sample / 3)),
          ),
          searches: sampleEvenly(all.searches.filter((r) => r.ts >= splitAt), sample),
        };
      } else {
        requests = tradeoffRequests(catalog, events, sample);
      }
    }
    log(`replaying ${requests.recs.length} recommendation and ${requests.searches.length} search requests (${source}) through every path`);
    const result = await measureTradeoff(db, requests, { source });
    const stored = await storeTradeoffRun(db, result);
    return { ...result, runId: stored.id };
  } finally {
    await db.$disconnect();
  }
});

for (const p of report.paths)
  log(
    `${p.label.padEnd(42)} $${p.costPer1k.toFixed(6)}/1k  ${p.avgComputeMs.toFixed(1)} ms  ` +
      `embedder ${p.embedderCallsPerRequest}  nDCG@10 ${p.ndcg.toFixed(3)}  hit@10 ${p.hitRate.toFixed(3)}  overlap ${p.overlap.toFixed(3)}`,
  );
console.log(JSON.stringify({ ...report, ms: Math.round(performance.now() - t0) }));
