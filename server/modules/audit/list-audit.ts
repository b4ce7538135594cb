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
    // The view drops only the previous-row hash and shows seq as text (BigInt is not JSON).
    items: page.map(({ prevHash: _prev, ...r }) => ({ ...r, seq: r.seq?.toString() ?? null })),
    nextCursor: rows.length > input.limit && last?.seq ? last.seq.toString() : null,
  };
}
