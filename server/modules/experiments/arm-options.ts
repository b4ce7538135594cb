// The versions an arm may point at, for the create form: a decision kind's model versions
// (not retired) or a policy kind's versions (drafts, the published one, archived ones).
import type { Db } from '@/server/db/client';
import { modelLabel, type ModelKindName } from '@/server/modules/models/model-kinds';
import type { PolicyKind } from '@/server/modules/policies/policy-kinds';
import { policyLabel } from '@/server/modules/policies/policy-versions';

export type ArmOption = { id: string; label: string; stage: string };

export async function armOptions(db: Db, input: { modelKind: ModelKindName } | { policyKind: PolicyKind }): Promise<ArmOption[]> {
  if ('policyKind' in input) {
    const rows = await db.policyVersion.findMany({
      where: { kind: input.policyKind },
      orderBy: { version: 'desc' },
      take: 50,
      select: { id: true, version: true, status: true },
    });
    return rows.map((r) => ({ id: r.id, label: policyLabel(input.policyKind, r.version), stage: r.status }));
  }
  const rows = await db.modelVersion.findMany({
    where: { kind: input.modelKind, stage: { not: 'retired' } },
    orderBy: [{ createdAt: 'desc' }],
    take: 50,
    select: { id: true, version: true, stage: true, model: { select: { key: true } } },
  });
  return rows.map((r) => ({ id: r.id, label: modelLabel(r.model.key, r.version), stage: r.stage }));
}
