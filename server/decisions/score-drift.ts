// Drift of a version's score distribution: the population stability index between a
// reference window (the version's launch) and a recent one. PSI < 0.1 is stable, 0.1–0.25
// is a shift worth watching, > 0.25 is drift.
import type { Db } from '@/server/db/client';

const EPSILON = 1e-4;

/** PSI over `bins` quantile bins of the reference sample. */
export function populationStabilityIndex(reference: number[], recent: number[], bins = 10): number {
  if (reference.length === 0 || recent.length === 0) return 0;
  const sorted = [...reference].sort((a, b) => a - b);
  // Interior cut points at reference quantiles; duplicates collapse (discrete scores).
  const cuts = [
    ...new Set(Array.from({ length: bins - 1 }, (_, i) => sorted[Math.floor(((i + 1) * sorted.length) / bins)]!)),
  ];
  const share = (sample: number[]) => {
    const counts = new Array<number>(cuts.length + 1).fill(0);
    for (const x of sample) {
      let b = 0;
      while (b < cuts.length && x >= cuts[b]!) b += 1;
      counts[b]! += 1;
    }
    return counts.map((c) => Math.max(c / sample.length, EPSILON));
  };
  const expected = share(reference);
  const actual = share(recent);
  return expected.reduce((psi, e, i) => psi + (actual[i]! - e) * Math.log(actual[i]! / e), 0);
}

export async function scoreSample(
  db: Db,
  modelVersionId: string,
  window: { since: Date; until: Date },
  limit = 5_000,
): Promise<number[]> {
  const rows = await db.decisionLog.findMany({
    where: {
      modelVersionId,
      createdAt: { gte: window.since, lt: window.until },
      score: { not: null },
      errorClass: null,
    },
    select: { score: true },
    orderBy: { createdAt: 'desc' },
    take: limit,
  });
  return rows.map((r) => r.score!);
}

export async function scoreDrift(
  db: Db,
  modelVersionId: string,
  windows: { reference: { since: Date; until: Date }; recent: { since: Date; until: Date } },
): Promise<{ psi: number; referenceCount: number; recentCount: number }> {
  const [reference, recent] = [
    await scoreSample(db, modelVersionId, windows.reference),
    await scoreSample(db, modelVersionId, windows.recent),
  ];
  return {
    psi: populationStabilityIndex(reference, recent),
    referenceCount: reference.length,
    recentCount: recent.length,
  };
}
