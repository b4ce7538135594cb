// The one place a version's stage changes: the row, its stage-history row and the audit
// event are written together inside the caller's transaction.
import type { Prisma } from '@/server/db/generated/client';
import { NotFoundError } from '@/server/errors';
import { newId } from '@/server/lib/ids';
import { recordAudit } from '@/server/modules/audit/record-audit';
import { modelLabel, type ModelKindName, type ModelStageName } from './model-kinds';

export type LockedVersion = {
  id: string;
  kind: ModelKindName;
  version: number;
  stage: ModelStageName;
  canaryShare: number;
  createdBy: string;
  evaluation: unknown;
  label: string;
};

/** Loads a version for a change, locking its row so concurrent promotions serialise. */
export async function lockVersion(tx: Prisma.TransactionClient, versionId: string): Promise<LockedVersion> {
  await tx.$queryRaw`SELECT 1 FROM model_versions WHERE id = ${versionId} FOR UPDATE`;
  const row = await tx.modelVersion.findUnique({
    where: { id: versionId },
    select: {
      id: true,
      kind: true,
      version: true,
      stage: true,
      canaryShare: true,
      createdBy: true,
      evaluation: true,
      model: { select: { key: true } },
    },
  });
  if (!row) throw new NotFoundError('model version', versionId);
  const { model, ...rest } = row;
  return { ...rest, label: modelLabel(model.key, row.version) };
}

export async function changeStage(
  tx: Prisma.TransactionClient,
  version: LockedVersion,
  to: ModelStageName,
  opts: { actor: string; reason: string; canaryShare?: number; action?: string },
): Promise<string> {
  const share = to === 'canary' ? (opts.canaryShare ?? version.canaryShare) : 0;
  await tx.modelVersion.update({
    where: { id: version.id },
    data: { stage: to, canaryShare: share, stageChangedAt: new Date() },
  });
  const changeId = newId('mstg');
  await tx.modelStageChange.create({
    data: {
      id: changeId,
      versionId: version.id,
      fromStage: version.stage,
      toStage: to,
      canaryShare: to === 'canary' ? share : null,
      actor: opts.actor,
      reason: opts.reason,
    },
  });
  await recordAudit(tx, {
    actor: opts.actor,
    action: opts.action ?? 'model_version.stage_change',
    entity: 'model_version',
    entityId: version.id,
    before: { stage: version.stage, canaryShare: version.canaryShare },
    after: { stage: to, canaryShare: share },
    reason: opts.reason || `${version.label}: ${version.stage} → ${to}`,
  });
  return changeId;
}
