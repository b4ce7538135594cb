// Shipping a decided arm: its model version is walked through model governance one legal
// step at a time (draft → shadow → canary → production) with promoteVersion, so the
// evaluation gate and approvals apply exactly as in the models console; a policy arm's
// version is published (a draft) or rolled back to (an archived one) through the policies
// module. When governance refuses a step (approval missing, gate, another canary), the
// shipment is left pending with the reason, shown on the experiment and retryable once the
// approvals are in. Every attempt is audited.
import { withTx, type Db } from '@/server/db/client';
import type { Prisma } from '@/server/db/generated/client';
import { DomainError, InvalidError, NotFoundError } from '@/server/errors';
import { recordAudit } from '@/server/modules/audit/record-audit';
import { modelLabel, type ModelStageName } from '@/server/modules/models/model-kinds';
import { promoteVersion } from '@/server/modules/models/promote-version';
import type { PolicyKind } from '@/server/modules/policies/policy-kinds';
import { policyLabel, publishPolicyVersion, rollbackPolicy } from '@/server/modules/policies/policy-versions';
import { ExperimentStatusError } from './experiment-errors';
import { experimentIdInput, type ExperimentIdInput } from './experiments.schema';
import { policyTargetOf } from './policy-arms';
import type { ShipState } from './read-experiments';

const NEXT_STAGE: Partial<Record<ModelStageName, 'shadow' | 'canary' | 'production'>> = {
  draft: 'shadow',
  shadow: 'canary',
  canary: 'production',
};

const refusal = (err: unknown) => {
  if (err instanceof DomainError) return err.message;
  throw err;
};

async function shipModel(db: Db, versionId: string, actor: string, reason: string) {
  const load = () =>
    db.modelVersion.findUnique({ where: { id: versionId }, select: { stage: true, version: true, model: { select: { key: true } } } });
  let v = await load();
  if (!v) throw new NotFoundError('model version', versionId);
  const label = modelLabel(v.model.key, v.version);
  if (v.stage === 'production') return { state: 'nothing_to_do' as const, versionLabel: label, reached: v.stage, blockedBy: null };
  if (v.stage === 'retired')
    return { state: 'pending' as const, versionLabel: label, reached: v.stage, blockedBy: `${label} is retired; register it again as a new version to ship it` };
  let blockedBy: string | null = null;
  for (let next = NEXT_STAGE[v.stage]; next; next = NEXT_STAGE[v.stage]) {
    try {
      await promoteVersion(db, { versionId, to: next, actor, reason });
    } catch (err) {
      blockedBy = `cannot move to ${next}: ${refusal(err)}`;
      break;
    }
    v = (await load())!;
  }
  return { state: blockedBy ? ('pending' as const) : ('shipped' as const), versionLabel: label, reached: v.stage, blockedBy };
}

async function shipPolicy(db: Db, kind: PolicyKind, versionId: string, actor: string, note: string) {
  const v = await db.policyVersion.findUnique({ where: { id: versionId }, select: { id: true, version: true, status: true } });
  if (!v) throw new NotFoundError('policy version', versionId);
  const label = policyLabel(kind, v.version);
  if (v.status === 'published') return { state: 'nothing_to_do' as const, versionLabel: label, reached: v.status, blockedBy: null };
  try {
    const row =
      v.status === 'draft'
        ? await publishPolicyVersion(db, { id: v.id, actor, note })
        : await rollbackPolicy(db, { kind, toVersion: v.version, actor, note });
    // A rollback publishes a copy: name the version that is now live.
    return { state: 'shipped' as const, versionLabel: policyLabel(kind, row.version), reached: row.status, blockedBy: null };
  } catch (err) {
    return { state: 'pending' as const, versionLabel: label, reached: v.status, blockedBy: refusal(err) };
  }
}

/** Ships (or retries shipping) a decided experiment's arm. Refused unless it is decided. */
export async function shipDecision(db: Db, raw: ExperimentIdInput): Promise<ShipState> {
  const input = experimentIdInput.parse(raw);
  const e = await db.experiment.findUnique({
    where: { id: input.experimentId },
    select: { id: true, key: true, status: true, decidedArm: true, flags: true, arms: { select: { key: true, modelVersionId: true } } },
  });
  if (!e) throw new NotFoundError('experiment', input.experimentId);
  if (e.status !== 'decided' || !e.decidedArm) throw new ExperimentStatusError(e.key, e.status, 'shipped');
  const arm = e.arms.find((a) => a.key === e.decidedArm);
  if (!arm) throw new InvalidError(`experiment ${e.key} has no arm ${e.decidedArm}`);
  const flags = (e.flags ?? {}) as { ship?: ShipState };
  if (flags.ship?.state === 'shipped' || flags.ship?.state === 'nothing_to_do') return flags.ship;
  const reason = `experiment ${e.key}: ship arm ${arm.key}`;
  const policyKind = await policyTargetOf(db, e.id);
  const outcome = policyKind
    ? await shipPolicy(db, policyKind, arm.modelVersionId, input.actor, reason)
    : await shipModel(db, arm.modelVersionId, input.actor, reason);
  const ship: ShipState = { ...outcome, arm: arm.key, at: new Date().toISOString() };
  await withTx(db, async (tx) => {
    const current = await tx.experiment.findUniqueOrThrow({ where: { id: e.id }, select: { flags: true } });
    const next = { ...((current.flags ?? {}) as Record<string, unknown>), ship };
    await tx.experiment.update({ where: { id: e.id }, data: { flags: next as Prisma.InputJsonValue } });
    await recordAudit(tx, {
      actor: input.actor,
      action: ship.state === 'pending' ? 'experiment.ship_pending' : 'experiment.ship',
      entity: 'experiment',
      entityId: e.id,
      after: ship,
      reason: ship.blockedBy ?? reason,
    });
  });
  return ship;
}
