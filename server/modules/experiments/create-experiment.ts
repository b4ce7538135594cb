// Create a draft experiment: arms validated, the planned sample size computed from the
// baseline and MDE up front, so the power analysis is on the record before anything starts.
import { randomBytes } from 'node:crypto';
import { withTx, type Db } from '@/server/db/client';
import { newId } from '@/server/lib/ids';
import { recordAudit } from '@/server/modules/audit/record-audit';
import { createExperimentInput, type CreateExperimentInput } from './experiments.schema';
import { plannedSampleSize } from './stats/proportions';
import { POLICY_DECISION_KIND, validatePolicyArms } from './policy-arms';
import { validateArms } from './validate-arms';
import { InvalidError } from '@/server/errors';

export async function createExperiment(db: Db, raw: CreateExperimentInput) {
  const input = createExperimentInput.parse(raw);
  if (input.trafficEnd <= input.trafficStart) throw new InvalidError('traffic range is empty: end must be above start');
  return withTx(db, async (tx) => {
    const kind = input.policyKind ? POLICY_DECISION_KIND[input.policyKind] : input.kind;
    if (input.policyKind) await validatePolicyArms(tx, input.policyKind, input.arms);
    else await validateArms(tx, kind, input.arms);
    const id = newId('exp');
    await tx.experiment.create({
      data: {
        id,
        key: input.key,
        name: input.name,
        hypothesis: input.hypothesis,
        kind,
        layer: input.layer,
        trafficStart: input.trafficStart,
        trafficEnd: input.trafficEnd,
        holdoutShare: input.holdoutShare,
        salt: randomBytes(8).toString('hex'),
        primaryMetric: input.primaryMetric,
        secondaryMetrics: input.secondaryMetrics,
        guardrailMetrics: input.guardrailMetrics,
        baselineRate: input.baselineRate,
        mde: input.mde,
        plannedSampleSize: plannedSampleSize(input.baselineRate, input.mde),
        autoStop: input.autoStop,
        createdBy: input.actor,
        arms: {
          create: input.arms.map((a, position) => ({ id: newId('arm'), position, ...a })),
        },
      },
    });
    if (input.policyKind) await tx.experimentPolicyTarget.create({ data: { experimentId: id, policyKind: input.policyKind } });
    await recordAudit(tx, { actor: input.actor, action: 'experiment.create', entity: 'experiment', entityId: id, after: input });
    return { id };
  });
}
