// Closing a mirrored approval item when its owning module decided it elsewhere (e.g. a policy
// approval approved on the Policies page): a conditional update, so an item already decided
// in the queue is left as it is.
import type { Db } from '@/server/db/client';

export async function closeReviewForSubject(
  db: Db,
  kind: string,
  subjectId: string,
  decision: { status: 'approved' | 'rejected' | 'expired'; decidedBy?: string | null; note?: string },
) {
  const { count } = await db.reviewItem.updateMany({
    where: { kind, subjectId, status: { in: ['open', 'escalated'] } },
    data:
      decision.status === 'expired'
        ? { status: 'expired' }
        : {
            status: decision.status,
            decidedBy: decision.decidedBy ?? null,
            decidedAt: new Date(),
            decisionNote: decision.note ?? '',
          },
  });
  return { closed: count };
}
