// Status machine draft → running → stopped → decided, plus the arm edit that is only legal
// before start (changing arms mid-flight would mix two experiments in one result).
import { withTx, type Db } from '@/server/db/client';
import { NotFoundError } from '@/server/errors';
import { recordAudit } from '@/server/modules/audit/record-audit';
import {
  ExperimentStatusError,
  LayerOverlapError,
  MissingPrimaryMetricError,
  RunningArmsError,
} from './experiment-errors';
import { experimentIdInput, updateArmsInput, type ExperimentIdInput, type UpdateArmsInput } from './experiments.schema';
import { policyTargetOf, validatePolicyArms } from './policy-arms';
import { validateArms } from './validate-arms';
import { publishInvalidation } from '@/server/lib/cache-bus';

async function load(db: Db, id: string) {
  const e = await db.experiment.findUnique({ where: { id } });
  if (!e) throw new NotFoundError('experiment', id);
  return e;
}

export async function startExperiment(db: Db, raw: ExperimentIdInput) {
  const input = experimentIdInput.parse(raw);
  return withTx(db, async (tx) => {
    const e = await load(tx, input.experimentId);
    if (e.status !== 'draft') throw new ExperimentStatusError(e.key, e.status, 'running');
    if (!e.primaryMetric) throw new MissingPrimaryMetricError();
    const overlapping = await tx.experiment.findFirst({
      where: {
        layer: e.layer,
        status: 'running',
        id: { not: e.id },
        trafficStart: { lt: e.trafficEnd },
        trafficEnd: { gt: e.trafficStart },
      },
      select: { key: true },
    });
    if (overlapping) throw new LayerOverlapError(e.layer, overlapping.key);
    await tx.experiment.update({ where: { id: e.id }, data: { status: 'running', startedAt: new Date() } });
    await recordAudit(tx, { actor: input.actor, action: 'experiment.start', entity: 'experiment', entityId: e.id });
    await publishInvalidation(tx, 'experiments.running');
  });
}

export async function stopExperiment(db: Db, raw: ExperimentIdInput, reason = '') {
  const input = experimentIdInput.parse(raw);
  return withTx(db, async (tx) => {
    const e = await load(tx, input.experimentId);
    if (e.status !== 'running') throw new ExperimentStatusError(e.key, e.status, 'stopped');
    await tx.experiment.update({ where: { id: e.id }, data: { status: 'stopped', stoppedAt: new Date() } });
    await recordAudit(tx, { actor: input.actor, action: 'experiment.stop', entity: 'experiment', entityId: e.id, reason });
    await publishInvalidation(tx, 'experiments.running');
  });
}

export async function updateArms(db: Db, raw: UpdateArmsInput) {
  const input = updateArmsInput.parse(raw);
  return withTx(db, async (tx) => {
    const e = await load(tx, input.experimentId);
    if (e.status !== 'draft') throw new RunningArmsError(e.key, e.status);
    const policyKind = await policyTargetOf(tx, e.id);
    if (policyKind) await validatePolicyArms(tx, policyKind, input.arms);
    else await validateArms(tx, e.kind, input.arms);
    await tx.experimentArm.deleteMany({ where: { experimentId: e.id } });
    await tx.experimentArm.createMany({
      data: input.arms.map((a, position) => ({ id: `${e.id}_${a.key}`, experimentId: e.id, position, ...a })),
    });
    await recordAudit(tx, { actor: input.actor, action: 'experiment.arms', entity: 'experiment', entityId: e.id, after: input.arms });
  });
}
