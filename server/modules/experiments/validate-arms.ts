// Arm rules shared by create and update: allocation sums to 100 (the sum is the split, so a
// typo silently starving an arm must fail loudly), unique keys, and versions of the same kind.
import type { Db } from '@/server/db/client';
import type { ModelKindName } from '@/server/modules/models/model-kinds';
import { AllocationError, ArmVersionError } from './experiment-errors';

export type ArmSpec = { key: string; modelVersionId: string; allocation: number };

export async function validateArms(db: Db, kind: ModelKindName, arms: readonly ArmSpec[]): Promise<void> {
  const total = arms.reduce((a, b) => a + b.allocation, 0);
  if (Math.abs(total - 100) > 1e-9) throw new AllocationError(Math.round(total * 1000) / 1000);
  const keys = new Set(arms.map((a) => a.key));
  if (keys.size !== arms.length) throw new ArmVersionError('arm keys must be unique');
  const versions = await db.modelVersion.findMany({
    where: { id: { in: arms.map((a) => a.modelVersionId) } },
    select: { id: true, kind: true },
  });
  for (const arm of arms) {
    const v = versions.find((x) => x.id === arm.modelVersionId);
    if (!v) throw new ArmVersionError(`arm ${arm.key}: model version ${arm.modelVersionId} does not exist`);
    if (v.kind !== kind) throw new ArmVersionError(`arm ${arm.key}: version is a ${v.kind} model, not ${kind}`);
  }
}
