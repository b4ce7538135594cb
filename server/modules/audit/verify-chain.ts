// Walks the chain in order and recomputes every hash: an edited row, a deleted row (a gap in
// seq or a prevHash that no longer matches) or a re-ordered row is reported at the first
// broken link. Used by `npm run audit:verify` and the console's Verify button.
import type { Db } from '@/server/db/client';
import { auditHash, GENESIS_HASH } from './audit-hash';

export type ChainBreak = { seq: string; id: string | null; problem: string };
export type ChainReport = { ok: boolean; checked: number; lastSeq: string | null; firstBreak: ChainBreak | null; verifiedAt: Date };

export async function verifyAuditChain(db: Db, opts: { batchSize?: number } = {}): Promise<ChainReport> {
  const batchSize = opts.batchSize ?? 1000;
  let prevHash = GENESIS_HASH;
  let expectedSeq = 1n;
  let checked = 0;
  for (;;) {
    const rows = await db.auditEvent.findMany({
      where: { seq: { gte: expectedSeq } },
      orderBy: { seq: 'asc' },
      take: batchSize,
    });
    for (const r of rows) {
      const seq = r.seq!;
      const at = (problem: string): ChainReport => report(false, checked, { seq: seq.toString(), id: r.id, problem });
      if (seq !== expectedSeq) {
        return report(false, checked, { seq: expectedSeq.toString(), id: null, problem: `row ${expectedSeq} is missing (deleted?)` });
      }
      if (r.prevHash !== prevHash) return at(seq === 1n ? 'row 1 does not start from the chain anchor' : `row ${seq} does not follow row ${seq - 1n}: its previous-hash does not match`);
      // The row carries every hashed field; auditHash reads only those.
      const recomputed = auditHash({ ...r, seq }, prevHash);
      if (recomputed !== r.hash) return at(`row ${seq} was changed after it was written: its content no longer matches its hash`);
      prevHash = r.hash;
      expectedSeq = seq + 1n;
      checked++;
    }
    if (rows.length < batchSize) break;
  }
  return report(true, checked, null, checked > 0 ? (expectedSeq - 1n).toString() : null);

  function report(ok: boolean, n: number, firstBreak: ChainBreak | null, lastSeq: string | null = null): ChainReport {
    return { ok, checked: n, lastSeq, firstBreak, verifiedAt: new Date() };
  }
}
