// The eval gate for personalized search: after an offline replay, the personalized ranking
// is registered as a new draft version of the `search-personalized` model (kind
// search_ranking, implementation search.personalized) with the replay recorded as its
// evaluation, and only when it beat the unpersonalized ranking on the same searches.
// From there it goes through shadow, canary or an experiment like any version.
import type { z } from 'zod';
import type { Db } from '@/server/db/client';
import { InvalidError, NotFoundError } from '@/server/errors';
import { createModel, createModelVersion } from '@/server/modules/models/create-model';
import { recordEvaluation } from '@/server/modules/models/evaluation-gate';
import { beatsUnpersonalized, type ReplayReport } from './eval/rerank-replay';
import type { PersonalWeights } from './personal-rerank';
import { personalWeightsVersionInput } from './personal-weights.schema';
import { PERSONAL_SEARCH_IMPLEMENTATION, personalWeightsOf } from './ranking-decision';
import { getActiveRanking } from './settings-versions';

export const PERSONAL_MODEL_KEY = 'search-personalized';
const ACTOR = 'system:search-rerank-eval';

export type RegisterOutcome =
  | { registered: false; reason: string }
  | { registered: true; versionId: string; version: number; rankingVersion: number };

export async function registerPersonalRanking(
  db: Db,
  report: Pick<ReplayReport, 'personalized' | 'unpersonalized' | 'withHistory' | 'searches' | 'k'> & {
    weights?: PersonalWeights;
  },
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
  const modelId = await personalModelId(db, actor);
  // It personalizes the ranking that is active now; a later ranking change needs a new version.
  const { version: rankingVersion } = await getActiveRanking(db);
  const version = await createModelVersion(db, {
    modelId,
    implementationKey: PERSONAL_SEARCH_IMPLEMENTATION,
    params: report.weights ? { rankingVersion, personal: report.weights } : { rankingVersion },
    note: `offline replay: nDCG@${report.k} ${report.unpersonalized.ndcg} → ${report.personalized.ndcg}`,
    actor,
  });
  await recordReplay(db, version.id, report, opts.dataset, actor);
  return { registered: true, versionId: version.id, version: version.version, rankingVersion };
}

async function personalModelId(db: Db, actor: string): Promise<string> {
  const found = await db.model.findUnique({ where: { key: PERSONAL_MODEL_KEY }, select: { id: true } });
  if (found) return found.id;
  const model = await createModel(db, {
    key: PERSONAL_MODEL_KEY,
    name: 'Search: personalized re-ranking',
    kind: 'search_ranking',
    description:
      "The active ranking plus a bounded boost from the shopper's category, class, price and colour/material affinities.",
    owner: 'search',
    actor,
  });
  return model.id;
}

function recordReplay(
  db: Db,
  versionId: string,
  report: Pick<ReplayReport, 'personalized' | 'unpersonalized' | 'withHistory' | 'k'>,
  dataset: string,
  actor: string,
) {
  return recordEvaluation(db, {
    versionId,
    actor,
    evaluation: {
      dataset,
      metrics: {
        [`ndcg@${report.k}`]: report.personalized.ndcg,
        [`hit_rate@${report.k}`]: report.personalized.hitRate,
        [`baseline_ndcg@${report.k}`]: report.unpersonalized.ndcg,
        [`baseline_hit_rate@${report.k}`]: report.unpersonalized.hitRate,
        searches: report.withHistory,
        beats_unpersonalized: beatsUnpersonalized(report) ? 1 : 0,
      },
      notes: 'Replay of searches by shoppers with history; baseline = the same ranking without the personal stage.',
    },
  });
}

/**
 * A new weighting without a deploy (console form): a draft version of the personalized model
 * whose params carry the weights, personalizing the active ranking. It serves nothing until
 * the offline gate (`npm run search:rerank-eval -- --version <id>`, or the nightly gate for
 * drafts of the active ranking) has recorded its replay
 * and it is promoted like any version.
 */
export async function createPersonalWeightsVersion(
  db: Db,
  raw: z.input<typeof personalWeightsVersionInput>,
  actor: string,
): Promise<{ versionId: string; version: number; label: string; rankingVersion: number }> {
  const input = personalWeightsVersionInput.parse(raw);
  const modelId = await personalModelId(db, actor);
  const { version: rankingVersion } = await getActiveRanking(db);
  const row = await createModelVersion(db, {
    modelId,
    implementationKey: PERSONAL_SEARCH_IMPLEMENTATION,
    params: { rankingVersion, personal: input.weights },
    note: input.note || 'new personal re-rank weights (console)',
    actor,
  });
  return { versionId: row.id, version: row.version, label: `${PERSONAL_MODEL_KEY}@v${row.version}`, rankingVersion };
}

/** The weights a personalized version serves with (its params, else the code defaults). */
export async function personalVersionWeights(db: Db, versionId: string): Promise<PersonalWeights | undefined> {
  const v = await db.modelVersion.findUnique({
    where: { id: versionId },
    select: { implementationKey: true, params: true },
  });
  if (!v) throw new NotFoundError('model version', versionId);
  if (v.implementationKey !== PERSONAL_SEARCH_IMPLEMENTATION)
    throw new InvalidError(`${versionId} is not a personalized search version`, { field: 'versionId' });
  return personalWeightsOf((v.params ?? {}) as Record<string, unknown>);
}

/** The offline gate on an existing version (one created with new weights): record its replay. */
export async function recordPersonalReplay(
  db: Db,
  versionId: string,
  report: Pick<ReplayReport, 'personalized' | 'unpersonalized' | 'withHistory' | 'k'>,
  opts: { dataset: string; actor?: string },
): Promise<{ versionId: string; beats: boolean }> {
  await personalVersionWeights(db, versionId);
  await recordReplay(db, versionId, report, opts.dataset, opts.actor ?? ACTOR);
  return { versionId, beats: beatsUnpersonalized(report) };
}
