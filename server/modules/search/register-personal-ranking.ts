// The eval gate for personalized search: after an offline replay, the personalized ranking
// is registered as a new draft version of the `search-personalized` model (kind
// search_ranking, implementation search.personalized) with the replay recorded as its
// evaluation, and only when it beat the unpersonalized ranking on the same searches.
// From there it goes through shadow, canary or an experiment like any version.
import type { Db } from '@/server/db/client';
import { createModel, createModelVersion } from '@/server/modules/models/create-model';
import { recordEvaluation } from '@/server/modules/models/evaluation-gate';
import { beatsUnpersonalized, type ReplayReport } from './eval/rerank-replay';
import { PERSONAL_SEARCH_IMPLEMENTATION } from './ranking-decision';
import { getActiveRanking } from './settings-versions';

export const PERSONAL_MODEL_KEY = 'search-personalized';
const ACTOR = 'system:search-rerank-eval';

export type RegisterOutcome =
  | { registered: false; reason: string }
  | { registered: true; versionId: string; version: number; rankingVersion: number };

export async function registerPersonalRanking(
  db: Db,
  report: Pick<ReplayReport, 'personalized' | 'unpersonalized' | 'withHistory' | 'searches' | 'k'>,
  opts: { dataset: string; actor?: string },
): Promise<RegisterOutcome> {
  const actor = opts.actor ?? ACTOR;
  if (!beatsUnpersonalized(report)) {
    return {
      registered: false,
      reason:
        `personalized nDCG@${report.k} ${report.personalized.ndcg} / hit-rate ${report.personalized.hitRate} does not beat ` +
        `unpersonalized ${report.unpersonalized.ndcg} / ${report.unpersonalized.hitRate} on ${report.withHistory} searches`,
    };
  }
  let model = await db.model.findUnique({ where: { key: PERSONAL_MODEL_KEY }, select: { id: true } });
  model ??= await createModel(db, {
    key: PERSONAL_MODEL_KEY,
    name: 'Search: personalized re-ranking',
    kind: 'search_ranking',
    description:
      "The active ranking plus a bounded boost from the shopper's category, class, price and colour/material affinities.",
    owner: 'search',
    actor,
  });
  // It personalizes the ranking that is active now; a later ranking change needs a new version.
  const { version: rankingVersion } = await getActiveRanking(db);
  const version = await createModelVersion(db, {
    modelId: model.id,
    implementationKey: PERSONAL_SEARCH_IMPLEMENTATION,
    params: { rankingVersion },
    note: `offline replay: nDCG@${report.k} ${report.unpersonalized.ndcg} → ${report.personalized.ndcg}`,
    actor,
  });
  await recordEvaluation(db, {
    versionId: version.id,
    actor,
    evaluation: {
      dataset: opts.dataset,
      metrics: {
        [`ndcg@${report.k}`]: report.personalized.ndcg,
        [`hit_rate@${report.k}`]: report.personalized.hitRate,
        [`baseline_ndcg@${report.k}`]: report.unpersonalized.ndcg,
        [`baseline_hit_rate@${report.k}`]: report.unpersonalized.hitRate,
        searches: report.withHistory,
      },
      notes: 'Replay of searches by shoppers with history; baseline = the same ranking without the personal stage.',
    },
  });
  return { registered: true, versionId: version.id, version: version.version, rankingVersion };
}
