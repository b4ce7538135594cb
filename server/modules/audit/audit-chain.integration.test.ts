import { describe, expect, it } from 'vitest';
import { useTestDatabase } from '@/server/db/testing';
import { listAuditEvents } from './list-audit';
import { recordAudit } from './record-audit';
import { verifyAuditChain } from './verify-chain';

const getDb = useTestDatabase();
const db = () => getDb().prisma;

const entry = (i: number) => ({
  actor: `staff-${i % 3}@example.com`,
  action: i % 2 ? 'policy.publish' : 'model.promote',
  entity: 'policy',
  entityId: `pol_${i}`,
  before: { cap: i, nested: { b: 2, a: 1 } },
  after: { cap: i + 1 },
  reason: `change ${i}`,
  requestId: `req_${i}`,
});

/** What an attacker with database access does: turn the app's append-only guard off. */
async function tamper(sql: string) {
  await db().$executeRawUnsafe('ALTER TABLE audit_events DISABLE TRIGGER audit_events_no_update_delete');
  try {
    await db().$executeRawUnsafe(sql);
  } finally {
    await db().$executeRawUnsafe('ALTER TABLE audit_events ENABLE TRIGGER audit_events_no_update_delete');
  }
}

describe('tamper-evident audit trail', () => {
  it('chains concurrent appends without gaps, refuses updates and deletes, and points at the first broken link', async () => {
    // 40 concurrent writers: the advisory lock gives one order, seq 1..40 with no gaps.
    await Promise.all(Array.from({ length: 40 }, (_, i) => recordAudit(db(), entry(i))));
    const ok = await verifyAuditChain(db(), { batchSize: 7 });
    expect(ok).toMatchObject({ ok: true, checked: 40, lastSeq: '40', firstBreak: null });

    // The app's own role cannot rewrite history.
    await expect(db().$executeRawUnsafe(`UPDATE audit_events SET reason = 'x' WHERE seq = 5`)).rejects.toThrow(/append-only/);
    await expect(db().$executeRawUnsafe(`DELETE FROM audit_events WHERE seq = 5`)).rejects.toThrow(/append-only/);
    expect((await verifyAuditChain(db())).ok).toBe(true);

    // Someone who bypasses the guard and edits row 12 is caught at row 12.
    const original = (await db().auditEvent.findUnique({ where: { seq: 12n } }))!.after;
    await tamper(`UPDATE audit_events SET after = '{"cap": 999}' WHERE seq = 12`);
    const edited = await verifyAuditChain(db(), { batchSize: 5 });
    expect(edited.ok).toBe(false);
    expect(edited.checked).toBe(11);
    expect(edited.firstBreak).toMatchObject({ seq: '12', problem: expect.stringMatching(/changed after it was written/) });
    // Putting the original content back (JSONB reorders keys; the canonical hash does not care) heals it.
    await tamper(`UPDATE audit_events SET after = '${JSON.stringify(original)}' WHERE seq = 12`);
    expect((await verifyAuditChain(db())).ok).toBe(true);
  });

  it('reports a deleted row as a gap, and re-hashing a row breaks the next link', async () => {
    for (let i = 0; i < 6; i++) await recordAudit(db(), entry(i));
    const base = (await db().auditEvent.findFirst({ orderBy: { seq: 'desc' } }))!.seq! - 5n;
    await tamper(`DELETE FROM audit_events WHERE seq = ${base + 2n}`);
    const gap = await verifyAuditChain(db());
    expect(gap.ok).toBe(false);
    expect(gap.firstBreak).toMatchObject({ seq: String(base + 2n), id: null, problem: expect.stringMatching(/missing/) });
  });

  it('lists newest first with filters and cursor paging', async () => {
    const page1 = await listAuditEvents(db(), { action: 'policy.publish', limit: 3 });
    expect(page1.items).toHaveLength(3);
    expect(page1.items.every((r) => r.action === 'policy.publish')).toBe(true);
    const seqs = page1.items.map((r) => Number(r.seq));
    expect(seqs).toEqual([...seqs].sort((a, b) => b - a));
    const page2 = await listAuditEvents(db(), { action: 'policy.publish', limit: 3, cursor: page1.nextCursor! });
    expect(Number(page2.items[0]!.seq)).toBeLessThan(seqs[2]!);
  });
});
