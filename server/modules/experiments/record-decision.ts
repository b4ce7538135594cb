// Recording the outcome: "ship arm X" stops the experiment if it is still running, marks it
// decided with that arm, then ships the arm's version through model governance or the
// policies module (ship-decision.ts; pending with the reason when approvals block it). An
// experiment whose split is broken (SRM, checked afresh on the exposure counts) is not
// decidable: its numbers cannot be trusted.
import { withTx, type Db } from '@/server/db/client';
import { InvalidError, NotFoundError } from '@/server/errors';
import { publishInvalidation } from '@/server/lib/cache-bus';
import { recordAudit } from '@/server/modules/audit/record-audit';
import { ExperimentStatusError } from './experiment-errors';
import { recordDecisionInput, type RecordDecisionInput } from './experiments.schema';
import type { ShipState } from './read-experiments';
import { shipDecision } from './ship-decision';
import { sampleRatioMismatch } from './stats/srm';

export async function recordDecision(
  db: Db,
  raw: RecordDecisionInput,
): Promise<{ arm: string; modelVersionId: string; ship: ShipState }> {
  const input = recordDecisionInput.parse(raw);
  const decided = await withTx(db, async (tx) => {
    const e = await tx.experiment.findUnique({
      where: { id: input.experimentId },
      select: {
        id: true,
        key: true,
        status: true,
        flags: true,
        arms: { orderBy: { position: 'asc' }, select: { key: true, modelVersionId: true, allocation: true } },
      },
    });
    if (!e) throw new NotFoundError('experiment', input.experimentId);
    if (e.status !== 'stopped' && e.status !== 'running') throw new ExperimentStatusError(e.key, e.status, 'decided');
    const arm = e.arms.find((a) => a.key === input.arm);
    if (!arm) throw new InvalidError(`experiment ${e.key} has no arm ${input.arm}`, { arm: input.arm });
    const counts = await tx.experimentExposure.groupBy({ by: ['arm'], where: { experimentId: e.id }, _count: { _all: true } });
    const observed = e.arms.map((a) => counts.find((c) => c.arm === a.key)?._count._all ?? 0);
    const srm = sampleRatioMismatch(observed, e.arms.map((a) => a.allocation));
    if (srm.mismatch || (e.flags as { srm?: boolean }).srm) {
      throw new InvalidError(`experiment ${e.key} has a sample ratio mismatch and cannot be decided`, { pValue: srm.pValue });
    }
    if (e.status === 'running') {
      await tx.experiment.update({ where: { id: e.id }, data: { status: 'stopped', stoppedAt: new Date() } });
      await recordAudit(tx, { actor: input.actor, action: 'experiment.stop', entity: 'experiment', entityId: e.id, reason: `deciding: ship ${arm.key}` });
      await publishInvalidation(tx, 'experiments.running');
    }
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
  const ship = await shipDecision(db, { experimentId: input.experimentId, actor: input.actor });
  return { ...decided, ship };
}
