// What became of each discount decision's offer, for model governance's per-version KPIs
// (offer acceptance and discount cost). Read-only.
import type { Db } from '@/server/db/client';

export type OfferOutcome = { status: string; amountCents: number };

/** decision id → the offer it produced (offered | redeemed | revoked …); no entry = no offer. */
export async function offerOutcomesByDecision(db: Db, decisionIds: string[]): Promise<Map<string, OfferOutcome>> {
  const out = new Map<string, OfferOutcome>();
  for (let i = 0; i < decisionIds.length; i += 5_000) {
    const rows = await db.discountOffer.findMany({
      where: { decisionId: { in: decisionIds.slice(i, i + 5_000) } },
      select: { decisionId: true, status: true, amountCents: true },
    });
    for (const r of rows) out.set(r.decisionId, { status: r.status, amountCents: r.amountCents });
  }
  return out;
}
