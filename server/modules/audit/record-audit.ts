// The audit trail: who changed what, from what to what, and why. Minimal on purpose; the
// console issue extends it (listing, filtering, actor identities). Call it inside the same
// transaction as the change so an audited change and its audit row commit together.
import type { Db } from '@/server/db/client';
import type { Prisma } from '@/server/db/generated/client';
import { newId } from '@/server/lib/ids';

export type AuditEntry = {
  actor: string;
  action: string;
  entity: string;
  entityId: string;
  before?: unknown;
  after?: unknown;
  reason?: string;
};

export async function recordAudit(db: Db, entry: AuditEntry): Promise<{ id: string }> {
  const id = newId('aud');
  await db.auditEvent.create({
    data: {
      id,
      actor: entry.actor,
      action: entry.action,
      entity: entry.entity,
      entityId: entry.entityId,
      before: toJson(entry.before),
      after: toJson(entry.after),
      reason: entry.reason ?? '',
    },
  });
  return { id };
}

export function listAuditEvents(db: Db, filter: { entity?: string; entityId?: string; limit?: number } = {}) {
  return db.auditEvent.findMany({
    where: { entity: filter.entity, entityId: filter.entityId },
    orderBy: [{ createdAt: 'desc' }, { id: 'desc' }],
    take: filter.limit ?? 100,
  });
}

/** Dates and other non-JSON values become their JSON form; undefined stays "no value". */
function toJson(value: unknown): Prisma.InputJsonValue | undefined {
  if (value === undefined || value === null) return undefined;
  return JSON.parse(JSON.stringify(value)) as Prisma.InputJsonValue;
}
