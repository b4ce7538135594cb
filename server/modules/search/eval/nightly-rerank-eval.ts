// The search re-ranking evaluation gate on the app's own recent traffic (the nightly
// `search-rerank-eval` function, also run from the console). The same offline replay as
// `npm run search:rerank-eval` (rerank-replay.ts), but on the logged shopper events of the last
// days instead of a simulated log: every logged search by a shopper with history is re-ranked
// by the personal stage and judged by what they viewed or carted next in that visit. The
// candidate is registered as a `search_ranking` version (search-personalized) only if its
// nDCG@10 beats what search serves now on the same searches by the margin and its hit-rate is
// not lower. A later run that passes again refreshes the evaluation on the version it
// registered for the same ranking instead of piling up drafts. Every run is recorded.
import type { Db } from '@/server/db/client';
import { newId } from '@/server/lib/ids';
import { shopperEventsBetween } from '@/server/modules/events/read-shopper-events';
import { recordEvaluation } from '@/server/modules/models/evaluation-gate';
import { loadCatalog } from '@/server/modules/recommendations/catalog-snapshot';
import { BUY_EVENTS, VIEW_EVENTS } from '@/server/modules/recommendations/shopper-events';
import type { ShopperEventName } from '@/inngest/events';
import { registerPersonalRanking } from '../register-personal-ranking';
import { searchProducts } from '../search-products';
import { getActiveRanking } from '../settings-versions';
import { replayRerank, searchesFromLog, type LogEvent, type ReplayHit, type ReplayReport } from './rerank-replay';
import { describeVerdicts, rankOncePerQuery, replayWeightVersions, type WeightVersionVerdict } from './replay-weight-versions';

export type RerankEvalSettings = {
  /** Days of logged traffic replayed. */
  days: number;
  /** nDCG@10 the candidate must gain over the serving ranking (absolute). */
  margin: number;
  /** Fewer judged searches by shoppers with history than this: no verdict. */
  minSearches: number;
  /** The newest searches replayed at most (a sample keeps the run short). */
  maxSearches: number;
  /** Events read at most. */
  maxEvents: number;
};

const num = (v: string | undefined, fallback: number, ok: (n: number) => boolean) => {
  const n = Number(v);
  return v !== undefined && v !== '' && Number.isFinite(n) && ok(n) ? n : fallback;
};

/** SEARCH_RERANK_EVAL_DAYS (28), SEARCH_RERANK_GATE_MARGIN (0.01), SEARCH_RERANK_EVAL_MIN_SEARCHES (30), SEARCH_RERANK_EVAL_MAX_SEARCHES (500). */
export function rerankEvalSettings(env: NodeJS.ProcessEnv = process.env): RerankEvalSettings {
  return {
    days: num(env.SEARCH_RERANK_EVAL_DAYS, 28, (n) => n > 0 && n <= 365),
    margin: num(env.SEARCH_RERANK_GATE_MARGIN, 0.01, (n) => n >= 0 && n < 1),
    minSearches: num(env.SEARCH_RERANK_EVAL_MIN_SEARCHES, 30, (n) => Number.isInteger(n) && n >= 1),
    maxSearches: num(env.SEARCH_RERANK_EVAL_MAX_SEARCHES, 500, (n) => Number.isInteger(n) && n >= 1),
    maxEvents: 200_000,
  };
}

export type RerankEvalOutcome = 'registered' | 'updated' | 'rejected' | 'skipped';

export type RerankEvalResult = {
  id: string;
  outcome: RerankEvalOutcome;
  reason: string;
  events: number;
  searches: number;
  withHistory: number;
  baseline: { ndcg: number; hitRate: number } | null;
  candidate: { ndcg: number; hitRate: number } | null;
  margin: number;
  rankingVersion: number | null;
  modelVersionId: string | null;
  /** Console-drafted weightings for the active ranking, replayed on the same searches. */
  weightVersions: WeightVersionVerdict[];
  durationMs: number;
};

const SEARCH_EVENT: ShopperEventName = 'shopper/search.performed';
const ACTOR = 'system:search-rerank-eval';
const r4 = (x: number) => Math.round(x * 10_000) / 10_000;

/** The logged shopper events of [since, until) the replay needs, oldest first. */
async function loggedTraffic(db: Db, since: Date, until: Date, max: number): Promise<LogEvent[]> {
  const names = [SEARCH_EVENT, ...VIEW_EVENTS, ...BUY_EVENTS];
  const out: LogEvent[] = [];
  let after: { ts: Date; id: string } | undefined;
  while (out.length < max) {
    const page = await shopperEventsBetween(db, { names, since, until, after, limit: Math.min(5_000, max - out.length) });
    for (const e of page) out.push({ name: e.name, ts: e.ts.getTime(), data: e.data as LogEvent['data'] });
    if (page.length < 5_000) break;
    const last = page.at(-1)!;
    after = { ts: last.ts, id: last.id };
  }
  return out;
}

export async function runRerankEvaluation(
  db: Db,
  opts: { trigger: string; now?: Date; settings?: Partial<RerankEvalSettings> },
): Promise<RerankEvalResult> {
  const t0 = performance.now();
  const s = { ...rerankEvalSettings(), ...opts.settings };
  const until = opts.now ?? new Date();
  const since = new Date(until.getTime() - s.days * 86_400_000);
  const events = await loggedTraffic(db, since, until, s.maxEvents);
  const catalog = await loadCatalog(db);
  // The newest searches: the traffic the candidate would serve next.
  const searches = searchesFromLog(catalog, events).slice(-s.maxSearches);
  const { version: rankingVersion } = await getActiveRanking(db);

  let report: ReplayReport | null = null;
  let outcome: RerankEvalOutcome;
  let reason: string;
  let modelVersionId: string | null = null;
  let weightVersions: WeightVersionVerdict[] = [];
  const withHistory = searches.filter((x) => x.affinities).length;
  if (withHistory < s.minSearches) {
    outcome = 'skipped';
    reason = `${withHistory} judged searches by shoppers with history in the last ${s.days} days; the gate needs ${s.minSearches}`;
  } else {
    const rank = rankOncePerQuery(async (q: string): Promise<ReplayHit[]> => {
      const res = await searchProducts(db, { q, page: 1, pageSize: 60 }, { embedTimeoutMs: 10_000 });
      return res.zeroResult ? [] : res.items.map((i) => ({ id: i.productId, score: i.score, pinned: i.pinned }));
    });
    report = await replayRerank(catalog, searches, rank, { k: 10 });
    const lift = r4(report.personalized.ndcg - report.unpersonalized.ndcg);
    const dataset = `logged shopper traffic ${since.toISOString().slice(0, 10)} – ${until.toISOString().slice(0, 10)} (${report.withHistory} searches with history)`;
    const figures = `nDCG@10 ${report.unpersonalized.ndcg} → ${report.personalized.ndcg} (${lift >= 0 ? '+' : ''}${lift}), hit-rate@10 ${report.unpersonalized.hitRate} → ${report.personalized.hitRate} on ${report.withHistory} searches`;
    if (lift < s.margin || report.personalized.hitRate < report.unpersonalized.hitRate) {
      outcome = 'rejected';
      reason = `${figures}: does not beat the serving ranking by the margin ${s.margin} with hit-rate not lower`;
    } else {
      const previous = await db.searchRerankEvaluation.findFirst({
        where: { outcome: { in: ['registered', 'updated'] }, rankingVersion, modelVersionId: { not: null } },
        orderBy: { createdAt: 'desc' },
        select: { modelVersionId: true },
      });
      if (previous?.modelVersionId) {
        modelVersionId = previous.modelVersionId;
        await recordEvaluation(db, {
          versionId: modelVersionId,
          actor: ACTOR,
          evaluation: { dataset, metrics: evaluationMetrics(report), notes: 'Nightly replay on logged traffic; baseline = the same ranking without the personal stage.' },
        });
        outcome = 'updated';
        reason = `${figures}: passes the gate; evaluation refreshed on the version registered for ranking v${rankingVersion}`;
      } else {
        const reg = await registerPersonalRanking(db, report, { dataset, actor: ACTOR });
        if (reg.registered) {
          modelVersionId = reg.versionId;
          outcome = 'registered';
          reason = `${figures}: passes the gate; registered search-personalized v${reg.version} as a draft`;
        } else {
          outcome = 'rejected';
          reason = reg.reason;
        }
      }
    }
    weightVersions = await replayWeightVersions(db, { catalog, searches, rank, rankingVersion, dataset, actor: ACTOR });
    reason += describeVerdicts(weightVersions);
  }

  const durationMs = Math.round(performance.now() - t0);
  const row = await db.searchRerankEvaluation.create({
    data: {
      id: newId('rre'),
      trigger: opts.trigger,
      outcome,
      reason,
      since,
      until,
      events: events.length,
      searches: searches.length,
      withHistory,
      baselineNdcg: report?.unpersonalized.ndcg ?? null,
      candidateNdcg: report?.personalized.ndcg ?? null,
      baselineHitRate: report?.unpersonalized.hitRate ?? null,
      candidateHitRate: report?.personalized.hitRate ?? null,
      margin: s.margin,
      rankingVersion,
      modelVersionId,
      durationMs,
    },
  });
  return {
    id: row.id,
    outcome,
    reason,
    events: events.length,
    searches: searches.length,
    withHistory,
    baseline: report ? report.unpersonalized : null,
    candidate: report ? report.personalized : null,
    margin: s.margin,
    rankingVersion,
    modelVersionId,
    weightVersions,
    durationMs,
  };
}

function evaluationMetrics(report: ReplayReport) {
  return {
    [`ndcg@${report.k}`]: report.personalized.ndcg,
    [`hit_rate@${report.k}`]: report.personalized.hitRate,
    [`baseline_ndcg@${report.k}`]: report.unpersonalized.ndcg,
    [`baseline_hit_rate@${report.k}`]: report.unpersonalized.hitRate,
    searches: report.withHistory,
  };
}

/** The latest runs, newest first, for the console. */
export async function listRerankEvaluations(db: Db, limit = 10) {
  return db.searchRerankEvaluation.findMany({ orderBy: { createdAt: 'desc' }, take: limit });
}
