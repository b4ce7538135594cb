import type { Db } from '@/server/db/client';

/**
 * What a decided review led to (e.g. an approved appeal whose order could not be reinstated
 * because stock ran out), appended to the decision note the queue and the order page show.
 * Idempotent: the same outcome is appended once.
 */
export async function noteReviewOutcome(db: Db, reviewId: string, outcome: string): Promise<void> {
  const line = `Outcome: ${outcome}`;
  await db.$executeRaw`
    UPDATE review_items
    SET decision_note = CASE WHEN decision_note = '' THEN ${line} ELSE decision_note || E'\n' || ${line} END
    WHERE id = ${reviewId} AND position(${line} in decision_note) = 0`;
}
