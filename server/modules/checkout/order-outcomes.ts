// What happened to orders, for model governance's per-version KPIs: the risk action of the
// order each risk decision scored, and what visitors went on to buy. Read-only; governance
// calls these instead of reading the orders table.
import type { Db } from '@/server/db/client';

const CHUNK = 5_000;

/** decision id → the risk action the policy took on that order (accept | review | reject). */
export async function riskActionsByDecision(db: Db, decisionIds: string[]): Promise<Map<string, string>> {
  const out = new Map<string, string>();
  for (let i = 0; i < decisionIds.length; i += CHUNK) {
    const rows = await db.order.findMany({
      where: { riskDecisionId: { in: decisionIds.slice(i, i + CHUNK) }, riskAction: { not: null } },
      select: { riskDecisionId: true, riskAction: true },
    });
    for (const r of rows) out.set(r.riskDecisionId!, r.riskAction!);
  }
  return out;
}

export type SessionOrder = { sessionKey: string; totalCents: number; createdAt: Date };

/** Orders placed by these session keys in [since, until), excluding ones that never went through. */
export async function ordersOfSessions(
  db: Db,
  sessionKeys: string[],
  window: { since: Date; until: Date },
): Promise<SessionOrder[]> {
  const out: SessionOrder[] = [];
  for (let i = 0; i < sessionKeys.length; i += CHUNK) {
    const rows = await db.order.findMany({
      where: {
        sessionKey: { in: sessionKeys.slice(i, i + CHUNK) },
        createdAt: { gte: window.since, lt: window.until },
        status: { notIn: ['pending_payment', 'cancelled'] },
      },
      select: { sessionKey: true, totalCents: true, createdAt: true },
    });
    for (const r of rows) out.push({ sessionKey: r.sessionKey!, totalCents: r.totalCents, createdAt: r.createdAt });
  }
  return out;
}
