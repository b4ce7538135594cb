// Recording the outcome: a stopped experiment becomes decided with the arm to ship. An
// experiment whose split is broken (SRM) is not decidable: its numbers cannot be trusted.
// Promoting the arm's version through model governance (approvals, canary) stays a separate,
// audited step in the models console; this records which arm won and why.
import { withTx, type Db } from '@/server/db/client';
import { InvalidError, NotFoundError } from '@/server/errors';
import { recordAudit } from '@/server/modules/audit/record-audit';
import { ExperimentStatusError } from './experiment-errors';
import { recordDecisionInput, type RecordDecisionInput } from './experiments.schema';

export async function recordDecision(db: Db, raw: RecordDecisionInput) {
  const input = recordDecisionInput.parse(raw);
  return withTx(db, async (tx) => {
    const e = await tx.experiment.findUnique({
      where: { id: input.experimentId },
      select: { id: true, key: true, status: true, flags: true, arms: { select: { key: true, modelVersionId: true } } },
    });
    if (!e) throw new NotFoundError('experiment', input.experimentId);
    if (e.status !== 'stopped') throw new ExperimentStatusError(e.key, e.status, 'decided');
    if ((e.flags as { srm?: boolean }).srm) {
      throw new InvalidError(`experiment ${e.key} has a sample ratio mismatch and cannot be decided`);
    }
    const arm = e.arms.find((a) => a.key === input.arm);
    if (!arm) throw new InvalidError(`experiment ${e.key} has no arm ${input.arm}`, { arm: input.arm });
    await tx.experiment.update({ where: { id: e.id }, data: { status: 'decided', decidedArm: arm.key } });
    await recordAudit(tx, {
      actor: input.actor,
      action: 'experiment.decide',
      entity: 'experiment',
      entityId: e.id,
      after: { arm: arm.key, modelVersionId: arm.modelVersionId },
      reason: input.reason,
    });
    return { arm: arm.key, modelVersionId: arm.modelVersionId };
  });
}
