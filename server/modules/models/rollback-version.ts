// One-click rollback, effective on the next request. A canary goes back to shadow (it keeps
// being compared, serves nobody); a production version is retired and the version that was
// production before it serves again — or, with none, the kind's built-in default.
import { withTx, type Db } from '@/server/db/client';
import type { Prisma } from '@/server/db/generated/client';
import { ConflictError } from '@/server/errors';
import { consumeApprovals } from './approve-version';
import { changeStage, lockVersion } from './change-stage';
import { rollbackInput, type RollbackInput } from './models.schema';
import { publishInvalidation } from '@/server/lib/cache-bus';

export type RollbackResult = { versionId: string; from: string; to: string; restoredVersionId: string | null };

export async function rollbackVersion(db: Db, raw: RollbackInput): Promise<RollbackResult> {
  const input = rollbackInput.parse(raw);
  const result = await withTx(db, (tx) => rollbackInTx(tx, input));
  await publishInvalidation(db, 'models.serving');
  return result;
}

async function rollbackInTx(
  tx: Prisma.TransactionClient,
  input: { versionId: string; reason: string; actor: string },
): Promise<RollbackResult> {
  const version = await lockVersion(tx, input.versionId);
  const reason = input.reason || `rollback of ${version.label}`;
  if (version.stage === 'canary') {
    const changeId = await changeStage(tx, version, 'shadow', { actor: input.actor, reason, action: 'model_version.rollback' });
    // A rolled-back version serves again only with fresh approvals.
    await consumeApprovals(tx, version.id, ['canary', 'production'], changeId);
    return { versionId: version.id, from: 'canary', to: 'shadow', restoredVersionId: null };
  }
  if (version.stage !== 'production') {
    throw new ConflictError(
      `${version.label} is ${version.stage}; only a canary or production version can be rolled back`,
    );
  }
  const previous = await tx.modelStageChange.findFirst({
    where: { toStage: 'production', versionId: { not: version.id }, version: { kind: version.kind } },
    orderBy: [{ createdAt: 'desc' }, { id: 'desc' }],
    select: { versionId: true },
  });
  const changeId = await changeStage(tx, version, 'retired', { actor: input.actor, reason, action: 'model_version.rollback' });
  await consumeApprovals(tx, version.id, ['canary', 'production'], changeId);
  if (!previous) return { versionId: version.id, from: 'production', to: 'retired', restoredVersionId: null };
  const restored = await lockVersion(tx, previous.versionId);
  // A restored version that was meanwhile the canary gives up that slot to become production.
  await changeStage(tx, restored, 'production', {
    actor: input.actor,
    reason: `restored by rollback of ${version.label}`,
    action: 'model_version.restore',
  });
  return { versionId: version.id, from: 'production', to: 'retired', restoredVersionId: restored.id };
}
