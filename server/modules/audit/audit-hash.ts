// The hash that chains audit rows: sha256 over the row's content (RFC 8785 canonical JSON, so
// JSONB's key reordering cannot change it) and the previous row's hash.
import { createHash } from 'node:crypto';
import canonicalize from 'canonicalize';

export type ChainedContent = {
  id: string;
  seq: bigint;
  actor: string;
  action: string;
  entity: string;
  entityId: string;
  before: unknown;
  after: unknown;
  reason: string;
  requestId: string | null;
  createdAt: Date;
};

/** The chain's anchor: what the first row's prevHash is. */
export const GENESIS_HASH = '0'.repeat(64);

export function auditHash(row: ChainedContent, prevHash: string): string {
  const content = canonicalize({
    id: row.id,
    seq: row.seq.toString(),
    actor: row.actor,
    action: row.action,
    entity: row.entity,
    entityId: row.entityId,
    before: row.before ?? null,
    after: row.after ?? null,
    reason: row.reason,
    requestId: row.requestId,
    createdAt: row.createdAt.toISOString(),
  });
  return createHash('sha256').update(prevHash).update('\n').update(content ?? '').digest('hex');
}
