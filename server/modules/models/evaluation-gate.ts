// Offline evaluation: attach results to a version, and the gate promotion checks them
// against — the production version's recorded value of the kind's metric.
import { withTx, type Db } from '@/server/db/client';
import type { Prisma } from '@/server/db/generated/client';
import { recordAudit } from '@/server/modules/audit/record-audit';
import { lockVersion } from './change-stage';
import { EvaluationGateError } from './model-errors';
import { EVALUATION_GATES, type ModelKindName } from './model-kinds';
import { evaluationResult, recordEvaluationInput, type RecordEvaluationInput } from './models.schema';

export async function recordEvaluation(db: Db, raw: RecordEvaluationInput) {
  const input = recordEvaluationInput.parse(raw);
  return withTx(db, async (tx) => {
    const version = await lockVersion(tx, input.versionId);
    const evaluation = { ...input.evaluation, recordedBy: input.actor };
    const row = await tx.modelVersion.update({
      where: { id: version.id },
      data: { evaluation: evaluation as Prisma.InputJsonValue, evaluatedAt: new Date() },
      select: { id: true, evaluation: true, evaluatedAt: true },
    });
    await recordAudit(tx, {
      actor: input.actor,
      action: 'model_version.evaluate',
      entity: 'model_version',
      entityId: version.id,
      before: version.evaluation,
      after: evaluation,
    });
    return row;
  });
}

export type GateVerdict = { metric: string; value: number; baseline: number | null };

/** Throws naming the problem unless `evaluation` passes the kind's gate against production's. */
export async function checkEvaluationGate(
  tx: Db,
  version: { id: string; kind: ModelKindName; label: string; evaluation: unknown },
): Promise<GateVerdict> {
  const gate = EVALUATION_GATES[version.kind];
  const parsed = evaluationResult.safeParse(version.evaluation);
  if (!parsed.success)
    throw new EvaluationGateError(`${version.label} has no offline evaluation; attach one before promoting`);
  const value = parsed.data.metrics[gate.metric];
  if (value === undefined) {
    throw new EvaluationGateError(
      `${version.label}'s evaluation lacks ${gate.metric}, the ${version.kind} gate metric`,
      { metric: gate.metric },
    );
  }
  const production = await tx.modelVersion.findFirst({
    where: { kind: version.kind, stage: 'production', id: { not: version.id } },
    select: { evaluation: true },
  });
  const baseline = production
    ? (evaluationResult.safeParse(production.evaluation).data?.metrics[gate.metric] ?? null)
    : null;
  // No production evaluation on record (the built-in serves): nothing to regress against.
  if (baseline !== null) {
    const worse = gate.higherIsBetter ? value < baseline : value > baseline;
    if (worse) {
      throw new EvaluationGateError(
        `${version.label}: ${gate.metric} ${value} is worse than production's ${baseline}`,
        {
          metric: gate.metric,
          value,
          baseline,
        },
      );
    }
  }
  return { metric: gate.metric, value, baseline };
}
