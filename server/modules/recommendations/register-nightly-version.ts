// The evaluation gate for recommendations: after the nightly rebuild, the serving algorithm
// (production's params, else the default blend) is evaluated offline with a time split of the
// event log (train before T = now − 7 days, predict after T) and registered as a new draft
// version carrying those results. Promotion to canary/production then goes through the models
// module's gate (server/modules/models/evaluation-gate.ts): recall@10 must not be worse than
// production's. Until the log has enough shoppers, the evaluation runs on the simulated log
// over the live catalog, and the dataset says so.
import type { Db } from '@/server/db/client';
import { shopperEventsBetween } from '@/server/modules/events/read-shopper-events';
import { createModelVersion } from '@/server/modules/models/create-model';
import { recordEvaluation } from '@/server/modules/models/evaluation-gate';
import { getServingVersions } from '@/server/modules/models/serving-versions';
import { loadCatalog } from './catalog-snapshot';
import { RECS_IMPLEMENTATION } from './engine';
import { ensureRecommendationModels } from './ensure-models';
import { evaluateRecs, type EvalReport } from './eval/evaluate';
import { DEFAULT_SIM, simulate, type SimEvent } from './eval/simulator';
import { recsParams } from './recs-config';
import { LEARNING_EVENTS } from './shopper-events';

const ACTOR = 'system:recommendations';
const DAY = 86_400_000;

export type NightlyRegistration = {
  versionId: string;
  modelKey: string;
  version: number;
  dataset: string;
  algorithm: string;
  metrics: Record<string, number>;
};

export async function evaluateAndRegister(
  db: Db,
  opts: { now?: Date; windowDays?: number; testDays?: number; minShoppers?: number } = {},
): Promise<NightlyRegistration | { skipped: string }> {
  const now = opts.now ?? new Date();
  const since = new Date(now.getTime() - (opts.windowDays ?? 90) * DAY);
  const splitAt = now.getTime() - (opts.testDays ?? 7) * DAY;

  await ensureRecommendationModels(db);
  const serving = await getServingVersions(db, 'recommendation');
  const base = serving.production;
  const modelKey = base?.modelKey ?? 'recs-blend';
  const params = recsParams.parse(base?.params ?? (await blendParams(db)));

  const catalog = await loadCatalog(db);
  const events = await readLog(db, since, now);
  let report = evaluateRecs(catalog, events, { splitAt, k: 10, params });
  let dataset = `event log ${since.toISOString().slice(0, 10)}..${now.toISOString().slice(0, 10)}, split ${new Date(splitAt).toISOString().slice(0, 10)}`;
  if (report.shoppersEvaluated < (opts.minShoppers ?? 30)) {
    // Too little traffic to judge: the documented simulator over the live catalog instead.
    const start = now.getTime() - DEFAULT_SIM.days * DAY;
    const sim = simulate([...catalog.items.values()], { ...DEFAULT_SIM, start });
    report = evaluateRecs(catalog, sim.events, { splitAt: start + 21 * DAY, k: 10, params });
    dataset = `simulated shopper log (seed ${DEFAULT_SIM.seed}, ${DEFAULT_SIM.shoppers} shoppers; real log had too few shoppers)`;
  }
  // Nothing to judge (a tiny catalog and no traffic): no version, rather than one that claims 0.
  if (report.shoppersEvaluated === 0) return { skipped: 'no shoppers to evaluate on, real or simulated' };
  const metrics = metricsOf(report, params.algorithm);

  const model = await db.model.findUniqueOrThrow({ where: { key: modelKey }, select: { id: true } });
  const version = await createModelVersion(db, {
    modelId: model.id,
    implementationKey: RECS_IMPLEMENTATION,
    params,
    trainingDataRef: `events:${since.toISOString()}..${now.toISOString()}`,
    note: `nightly rebuild ${now.toISOString().slice(0, 10)}: recall@10 ${metrics['recall@10']}`,
    actor: ACTOR,
  });
  await recordEvaluation(db, {
    versionId: version.id,
    actor: ACTOR,
    evaluation: { dataset, metrics, notes: `algorithm ${params.algorithm}; baseline_* = popularity on the same split` },
  });
  return { versionId: version.id, modelKey, version: version.version, dataset, algorithm: params.algorithm, metrics };
}

async function blendParams(db: Db): Promise<Record<string, unknown>> {
  const model = await db.model.findUnique({
    where: { key: 'recs-blend' },
    select: { versions: { orderBy: { version: 'asc' }, take: 1, select: { params: true } } },
  });
  return (model?.versions[0]?.params as Record<string, unknown> | undefined) ?? { algorithm: 'blend' };
}

async function readLog(db: Db, since: Date, until: Date): Promise<SimEvent[]> {
  const events: SimEvent[] = [];
  let after: { ts: Date; id: string } | undefined;
  for (;;) {
    const page = await shopperEventsBetween(db, { names: LEARNING_EVENTS, since, until, after, limit: 5000 });
    for (const e of page) events.push({ name: e.name, data: e.data as SimEvent['data'], ts: e.ts.getTime() });
    if (page.length < 5000) break;
    after = { ts: page.at(-1)!.ts, id: page.at(-1)!.id };
  }
  return events;
}

/** The gate's metric (recall@10) and the rest, with the popularity baseline beside them. */
export function metricsOf(report: EvalReport, algorithm: keyof EvalReport['algorithms']): Record<string, number> {
  const m = report.algorithms[algorithm];
  const b = report.algorithms.popularity;
  return {
    'recall@10': m.recall,
    'hit_rate@10': m.hitRate,
    'ndcg@10': m.ndcg,
    coverage: m.coverage,
    novelty: m.novelty,
    'baseline_recall@10': b.recall,
    'baseline_hit_rate@10': b.hitRate,
    shoppers: report.shoppersEvaluated,
  };
}
