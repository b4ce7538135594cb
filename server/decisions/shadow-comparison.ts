// Shadow versions against what was served, per shadow version: how often they agree, how
// their rankings correlate (Spearman's rank correlation over the products both ranked), and
// how far their scores sit from the served ones.
import { sampleRankCorrelation } from 'simple-statistics';
import type { Db } from '@/server/db/client';
import type { ModelKindName } from '@/server/modules/models/model-kinds';

export type ShadowComparison = {
  modelVersionId: string;
  modelVersion: string;
  runs: number;
  failures: number;
  /** Mean 0–1 agreement (top-10 overlap for rankings, closeness for scores, equality otherwise). */
  agreement: number | null;
  /** Mean Spearman correlation of the two rankings over the products both returned; null for non-rankings. */
  rankCorrelation: number | null;
  rankedPairs: number;
  /** Mean of (shadow score − served score), and of its absolute value; null when neither scored. */
  meanScoreDelta: number | null;
  meanAbsScoreDelta: number | null;
  p95LatencyMs: number;
};

const SAMPLE = 5_000;

type Row = {
  model_version_id: string;
  model_version: string;
  shadow_output: unknown;
  shadow_score: number | null;
  agreement: number | null;
  error_class: string | null;
  latency_ms: number;
  served_output: unknown;
  served_score: number | null;
};

/** Spearman's ρ between two rankings over the ids both contain (null with fewer than 3 in common). */
export function rankCorrelation(served: string[], shadow: string[]): number | null {
  const position = new Map(shadow.map((id, i) => [id, i]));
  const common = served.filter((id) => position.has(id));
  if (common.length < 3) return null;
  const a = common.map((_, i) => i);
  const b = common.map((id) => position.get(id)!);
  return sampleRankCorrelation(a, b);
}

function productIds(v: unknown): string[] | null {
  const ids = (v as { productIds?: unknown } | null)?.productIds;
  return Array.isArray(ids) && ids.every((x) => typeof x === 'string') ? (ids as string[]) : null;
}

export async function shadowComparison(
  db: Db,
  kind: ModelKindName,
  opts: { since: Date; modelVersionId?: string },
): Promise<ShadowComparison[]> {
  const rows = await db.$queryRaw<Row[]>`
    SELECT s.model_version_id, s.model_version, s.output AS shadow_output, s.score AS shadow_score,
      s.agreement, s.error_class, s.latency_ms, d.output AS served_output, d.score AS served_score
    FROM decision_shadow_results s JOIN decision_logs d ON d.id = s.decision_id
    WHERE s.kind = ${kind}::model_kind AND s.created_at >= ${opts.since}
      AND (${opts.modelVersionId ?? null}::text IS NULL OR s.model_version_id = ${opts.modelVersionId ?? null})
    ORDER BY s.created_at DESC LIMIT ${SAMPLE}`;
  const byVersion = new Map<string, Row[]>();
  for (const r of rows) byVersion.set(r.model_version_id, [...(byVersion.get(r.model_version_id) ?? []), r]);
  return [...byVersion.values()]
    .map((list) => {
      const ok = list.filter((r) => r.error_class === null);
      const agreements = ok.map((r) => r.agreement).filter((x): x is number => x !== null);
      const rhos: number[] = [];
      for (const r of ok) {
        const a = productIds(r.served_output);
        const b = productIds(r.shadow_output);
        const rho = a && b ? rankCorrelation(a, b) : null;
        if (rho !== null && Number.isFinite(rho)) rhos.push(rho);
      }
      const deltas = ok
        .filter((r) => r.shadow_score !== null && r.served_score !== null)
        .map((r) => r.shadow_score! - r.served_score!);
      const latencies = list.map((r) => r.latency_ms).sort((x, y) => x - y);
      return {
        modelVersionId: list[0]!.model_version_id,
        modelVersion: list[0]!.model_version,
        runs: list.length,
        failures: list.length - ok.length,
        agreement: mean(agreements),
        rankCorrelation: mean(rhos),
        rankedPairs: rhos.length,
        meanScoreDelta: mean(deltas),
        meanAbsScoreDelta: mean(deltas.map(Math.abs)),
        p95LatencyMs: latencies.length ? round(latencies[Math.min(latencies.length - 1, Math.ceil(0.95 * latencies.length) - 1)]!) : 0,
      };
    })
    .sort((a, b) => a.modelVersion.localeCompare(b.modelVersion));
}

function mean(xs: number[]): number | null {
  return xs.length ? round(xs.reduce((s, x) => s + x, 0) / xs.length) : null;
}

function round(x: number) {
  return Math.round(x * 10_000) / 10_000;
}
