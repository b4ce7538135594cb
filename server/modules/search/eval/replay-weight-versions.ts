// The nightly gate also judges the weightings merchants drafted in the console: every draft
// `search-personalized` version whose params carry weights for the ranking that is active now
// is replayed on the same logged searches as the gate's own candidate, and its figures are
// recorded as that version's evaluation (Console → Models shows them, and promotion reads
// them). The unpersonalized lists are ranked once per query and shared by every replay.
import type { Db } from '@/server/db/client';
import type { Catalog } from '@/server/modules/recommendations/algorithms';
import { PERSONAL_MODEL_KEY, recordPersonalReplay } from '../register-personal-ranking';
import { personalWeightsOf } from '../ranking-decision';
import { replayRerank, type ReplayHit, type ReplayMetrics, type ReplaySearch } from './rerank-replay';

export type WeightVersionVerdict = {
  versionId: string;
  version: number;
  personalized: ReplayMetrics;
  unpersonalized: ReplayMetrics;
  beats: boolean;
};

/** The newest drafts judged per run at most (each replay re-ranks every search). */
const MAX_VERSIONS = 5;

/** Remembers each query's unpersonalized ranking, so replays after the first cost no searches. */
export function rankOncePerQuery(rank: (q: string) => Promise<ReplayHit[]>): (q: string) => Promise<ReplayHit[]> {
  const lists = new Map<string, Promise<ReplayHit[]>>();
  return (q) => {
    let list = lists.get(q);
    if (!list) lists.set(q, (list = rank(q)));
    return list;
  };
}

export async function replayWeightVersions(
  db: Db,
  input: { catalog: Catalog; searches: ReplaySearch[]; rank: (q: string) => Promise<ReplayHit[]>; rankingVersion: number; dataset: string; actor: string },
): Promise<WeightVersionVerdict[]> {
  const drafts = await db.modelVersion.findMany({
    // The gate's own versions (created by its actor) are judged by the gate's main replay.
    where: { model: { key: PERSONAL_MODEL_KEY }, stage: 'draft', createdBy: { not: input.actor } },
    orderBy: { createdAt: 'desc' },
    select: { id: true, version: true, params: true },
  });
  const candidates = drafts
    .map((v) => ({ ...v, params: (v.params ?? {}) as Record<string, unknown> }))
    .map((v) => ({ ...v, weights: personalWeightsOf(v.params) }))
    .filter((v) => v.weights && v.params.rankingVersion === input.rankingVersion)
    .slice(0, MAX_VERSIONS);
  const verdicts: WeightVersionVerdict[] = [];
  for (const v of candidates) {
    const report = await replayRerank(input.catalog, input.searches, input.rank, { k: 10, weights: v.weights });
    const { beats } = await recordPersonalReplay(db, v.id, report, { dataset: input.dataset, actor: input.actor });
    verdicts.push({ versionId: v.id, version: v.version, personalized: report.personalized, unpersonalized: report.unpersonalized, beats });
  }
  return verdicts;
}

/** "drafted weights: v3 nDCG@10 0.41 (beats), v4 0.30 (does not)" for the run's reason. */
export function describeVerdicts(verdicts: WeightVersionVerdict[]): string {
  if (verdicts.length === 0) return '';
  const parts = verdicts.map((v) => `v${v.version} nDCG@10 ${v.personalized.ndcg} (${v.beats ? 'beats' : 'does not beat'} ${v.unpersonalized.ndcg})`);
  return `; drafted weights: ${parts.join(', ')}`;
}
