// Per-feature drift of a version's inputs: for every numeric feature in the decision log
// (`features`, as the implementation reported them), the population stability index between
// the version's reference window — the first window after it started serving (its launch) —
// and the last window. Booleans count as 0/1; nested objects
// (usage) are not features.
import type { Db } from '@/server/db/client';
import { populationStabilityIndex } from './score-drift';

export type FeatureDrift = { feature: string; psi: number; referenceCount: number; recentCount: number };

const SAMPLE = 2_000;

async function featureRows(
  db: Db,
  modelVersionId: string,
  window: { since: Date; until: Date },
): Promise<Map<string, number[]>> {
  const rows = await db.$queryRaw<{ feature: string; value: number }[]>`
    SELECT f.key AS feature,
      (CASE jsonb_typeof(f.value) WHEN 'boolean' THEN (f.value::text = 'true')::int::float8
        ELSE (f.value::text)::float8 END) AS value
    FROM (SELECT features FROM decision_logs
          WHERE model_version_id = ${modelVersionId} AND error_class IS NULL
            AND created_at >= ${window.since} AND created_at < ${window.until}
          ORDER BY created_at DESC LIMIT ${SAMPLE}) d,
      jsonb_each(d.features) f
    WHERE jsonb_typeof(f.value) IN ('number', 'boolean')`;
  const byFeature = new Map<string, number[]>();
  for (const r of rows) byFeature.set(r.feature, [...(byFeature.get(r.feature) ?? []), r.value]);
  return byFeature;
}

/**
 * PSI per feature, highest first. The reference is the first window after launch; the recent
 * sample is the last window, starting no earlier than the reference ends (they never overlap).
 */
export async function featureDrift(
  db: Db,
  modelVersionId: string,
  opts: { launchedAt: Date; windowMinutes: number; now: Date },
): Promise<FeatureDrift[]> {
  const windowMs = opts.windowMinutes * 60_000;
  const referenceEnd = new Date(opts.launchedAt.getTime() + windowMs);
  const reference = await featureRows(db, modelVersionId, { since: opts.launchedAt, until: referenceEnd });
  if (reference.size === 0) return [];
  const recentSince = new Date(Math.max(opts.now.getTime() - windowMs, referenceEnd.getTime()));
  const recent = await featureRows(db, modelVersionId, { since: recentSince, until: new Date(opts.now.getTime() + 1) });
  return [...reference.entries()]
    .map(([feature, ref]) => {
      const now = recent.get(feature) ?? [];
      return {
        feature,
        psi: now.length ? round(populationStabilityIndex(ref, now)) : 0,
        referenceCount: ref.length,
        recentCount: now.length,
      };
    })
    .sort((a, b) => b.psi - a.psi || a.feature.localeCompare(b.feature));
}

function round(x: number) {
  return Math.round(x * 10_000) / 10_000;
}
