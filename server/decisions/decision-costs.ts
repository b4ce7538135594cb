// Cost per inference, per model version: compute time and hosted-provider usage recorded on
// each decision (features.usage), priced by the version's cost rates (params.cost) or the
// deployment's defaults (env), summed to a cost per 1,000 decisions.
import type { Db } from '@/server/db/client';
import type { ModelKindName } from '@/server/modules/models/model-kinds';

/** Micro-dollars (1e-6 USD) per compute-second, per provider call and per provider input unit. */
export type CostRates = {
  perComputeSecondMicros: number;
  perCallMicros: number;
  perInputMicros: number;
  source: 'version' | 'default';
};

const num = (v: unknown, fallback: number) => (typeof v === 'number' && Number.isFinite(v) && v >= 0 ? v : fallback);

export function defaultCostRates(env: Record<string, string | undefined> = process.env): CostRates {
  return {
    // ≈ one vCPU-second on a general-purpose cloud instance.
    perComputeSecondMicros: num(Number(env.DECISION_COST_PER_COMPUTE_SECOND_MICROS ?? 12), 12),
    perCallMicros: num(Number(env.DECISION_COST_PER_PROVIDER_CALL_MICROS ?? 0), 0),
    perInputMicros: num(Number(env.DECISION_COST_PER_PROVIDER_INPUT_MICROS ?? 0), 0),
    source: 'default',
  };
}

/** A version's params may carry `cost: { perComputeSecondMicros, perCallMicros, perInputMicros }`. */
export function costRatesOf(params: unknown, env: Record<string, string | undefined> = process.env): CostRates {
  const d = defaultCostRates(env);
  const c = (params as { cost?: Record<string, unknown> } | null)?.cost;
  if (!c || typeof c !== 'object') return d;
  return {
    perComputeSecondMicros: num(c.perComputeSecondMicros, d.perComputeSecondMicros),
    perCallMicros: num(c.perCallMicros, d.perCallMicros),
    perInputMicros: num(c.perInputMicros, d.perInputMicros),
    source: 'version',
  };
}

export type VersionCost = {
  modelVersionId: string | null;
  modelVersion: string;
  decisions: number;
  avgComputeMs: number;
  providerCalls: number;
  providerInputs: number;
  rates: CostRates;
  /** USD per 1,000 decisions. */
  costPer1k: number;
};

export function costPer1k(
  avgComputeMs: number,
  callsPerDecision: number,
  inputsPerDecision: number,
  r: CostRates,
): number {
  const micros =
    (avgComputeMs / 1000) * r.perComputeSecondMicros +
    callsPerDecision * r.perCallMicros +
    inputsPerDecision * r.perInputMicros;
  return (micros * 1000) / 1e6;
}

export async function versionCosts(
  db: Db,
  kind: ModelKindName,
  window: { since: Date; until?: Date },
): Promise<VersionCost[]> {
  const until = window.until ?? new Date(Date.now() + 1000);
  const rows = await db.$queryRaw<
    {
      model_version_id: string | null;
      model_version: string;
      n: number;
      compute_ms: number | null;
      calls: number | null;
      inputs: number | null;
    }[]
  >`
    SELECT model_version_id, model_version, count(*)::int AS n,
      avg(COALESCE((features->'usage'->>'computeMs')::float8, latency_ms))::float8 AS compute_ms,
      sum(COALESCE((features->'usage'->>'providerCalls')::float8, 0))::float8 AS calls,
      sum(COALESCE((features->'usage'->>'providerInputs')::float8, 0))::float8 AS inputs
    FROM decision_logs
    WHERE kind = ${kind}::model_kind AND created_at >= ${window.since} AND created_at < ${until}
    GROUP BY model_version_id, model_version ORDER BY model_version`;
  const ids = rows.map((r) => r.model_version_id).filter((x): x is string => x !== null);
  const versions = ids.length
    ? await db.modelVersion.findMany({ where: { id: { in: ids } }, select: { id: true, params: true } })
    : [];
  const params = new Map(versions.map((v) => [v.id, v.params]));
  return rows.map((r) => {
    const rates = r.model_version_id ? costRatesOf(params.get(r.model_version_id)) : defaultCostRates();
    const avg = Number(r.compute_ms ?? 0);
    const calls = Number(r.calls ?? 0);
    const inputs = Number(r.inputs ?? 0);
    return {
      modelVersionId: r.model_version_id,
      modelVersion: r.model_version,
      decisions: r.n,
      avgComputeMs: Math.round(avg * 1000) / 1000,
      providerCalls: calls,
      providerInputs: inputs,
      rates,
      costPer1k: r.n ? costPer1k(avg, calls / r.n, inputs / r.n, rates) : 0,
    };
  });
}
