// The audit trail: who did what, from where, from what to what, and why. Append-only and
// tamper-evident: each row's hash covers its content and the previous row's hash (ADR 015).
// Call it inside the same transaction as the change so the change and its row commit together;
// appends serialise on an advisory lock so the chain has one order and no gaps.
import type { Db } from '@/server/db/client';
import { withTx } from '@/server/db/client';
import type { Prisma } from '@/server/db/generated/client';
import { newId } from '@/server/lib/ids';
import { auditHash, GENESIS_HASH } from './audit-hash';

export type AuditEntry = {
  actor: string;
  action: string;
  entity: string;
  entityId: string;
  before?: unknown;
  after?: unknown;
  reason?: string;
  requestId?: string | null;
};

/** Advisory lock key for audit appends ("audi"). */
const AUDIT_LOCK = 0x61756469;

export async function recordAudit(db: Db, entry: AuditEntry): Promise<{ id: string; seq: bigint; hash: string }> {
  return withTx(db, async (tx) => {
    await tx.$executeRaw`SELECT pg_advisory_xact_lock(${AUDIT_LOCK})`;
    const last = await tx.auditEvent.findFirst({ where: { seq: { not: null } }, orderBy: { seq: 'desc' }, select: { seq: true, hash: true } });
    const row = {
      id: newId('aud'),
      seq: (last?.seq ?? 0n) + 1n,
      actor: entry.actor,
      action: entry.action,
      entity: entry.entity,
      entityId: entry.entityId,
      before: toJson(entry.before) ?? null,
      after: toJson(entry.after) ?? null,
      reason: entry.reason ?? '',
      requestId: entry.requestId ?? null,
      // Millisecond precision, as the column stores it, so the hash recomputes exactly.
      createdAt: new Date(Math.floor(Date.now())),
    };
    const prevHash = last?.hash ?? GENESIS_HASH;
    const hash = auditHash(row, prevHash);
    await tx.auditEvent.create({
      data: {
        ...row,
        before: row.before ?? undefined,
        after: row.after ?? undefined,
        prevHash,
        hash,
      },
    });
    return { id: row.id, seq: row.seq, hash };
  });
}

/** Dates and other non-JSON values become their JSON form; undefined stays "no value". */
function toJson(value: unknown): Prisma.InputJsonValue | undefined {
  if (value === undefined || value === null) return undefined;
  return JSON.parse(JSON.stringify(value)) as Prisma.InputJsonValue;
}
