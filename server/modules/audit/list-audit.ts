// Reading the trail: newest first, filtered, paged by chain position.
import type { Db } from '@/server/db/client';
import { listAuditInput, type ListAuditInput } from './audit.schema';

export async function listAuditEvents(db: Db, raw: ListAuditInput = {}) {
  const input = listAuditInput.parse(raw);
  const rows = await db.auditEvent.findMany({
    where: {
      actor: input.actor ? { contains: input.actor, mode: 'insensitive' } : undefined,
      action: input.action ? { startsWith: input.action } : undefined,
      entity: input.entity,
      entityId: input.entityId,
      seq: input.cursor ? { lt: BigInt(input.cursor) } : undefined,
    },
    orderBy: [{ seq: { sort: 'desc', nulls: 'last' } }, { createdAt: 'desc' }],
    take: input.limit + 1,
  });
  const page = rows.slice(0, input.limit);
  const last = page.at(-1);
  return {
    items: page.map((r) => ({
      id: r.id,
      seq: r.seq?.toString() ?? null,
      actor: r.actor,
      action: r.action,
      entity: r.entity,
      entityId: r.entityId,
      before: r.before,
      after: r.after,
      reason: r.reason,
      requestId: r.requestId,
      createdAt: r.createdAt,
      hash: r.hash,
    })),
    nextCursor: rows.length > input.limit && last?.seq ? last.seq.toString() : null,
  };
}
