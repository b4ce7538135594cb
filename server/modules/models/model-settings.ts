// Merchant governance settings (model_settings rows). Absent rows mean the defaults.
import { withTx, type Db } from '@/server/db/client';
import { recordAudit } from '@/server/modules/audit/record-audit';

export type ModelSettings = { requireTwoApprovers: boolean };

const REQUIRE_TWO_APPROVERS = 'require_two_approvers';

export async function getModelSettings(db: Db): Promise<ModelSettings> {
  const row = await db.modelSetting.findUnique({ where: { key: REQUIRE_TWO_APPROVERS }, select: { value: true } });
  return { requireTwoApprovers: row?.value === true };
}

export async function setRequireTwoApprovers(
  db: Db,
  input: { requireTwoApprovers: boolean; actor: string },
): Promise<ModelSettings> {
  return withTx(db, async (tx) => {
    const before = await getModelSettings(tx);
    await tx.modelSetting.upsert({
      where: { key: REQUIRE_TWO_APPROVERS },
      create: { key: REQUIRE_TWO_APPROVERS, value: input.requireTwoApprovers, updatedBy: input.actor },
      update: { value: input.requireTwoApprovers, updatedBy: input.actor, updatedAt: new Date() },
    });
    const after = { requireTwoApprovers: input.requireTwoApprovers };
    await recordAudit(tx, {
      actor: input.actor,
      action: 'model_settings.update',
      entity: 'model_settings',
      entityId: REQUIRE_TWO_APPROVERS,
      before,
      after,
    });
    return after;
  });
}
