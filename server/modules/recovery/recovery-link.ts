// The link in a recovery email: it names the attempt, which knows the cart's session.
import type { Db } from '@/server/db/client';

export async function resolveRecoveryLink(db: Db, attemptId: string): Promise<{ sessionKey: string } | null> {
  if (!/^rca_[0-9A-Z]{26}$/.test(attemptId)) return null;
  const a = await db.cartRecoveryAttempt.findUnique({ where: { id: attemptId }, select: { sessionKey: true, convertedOrderId: true } });
  return a && !a.convertedOrderId ? { sessionKey: a.sessionKey } : null;
}
