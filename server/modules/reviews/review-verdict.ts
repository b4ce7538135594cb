// A review item's decision as stored, for a flow that may have missed its announcement: the
// reviewer decided before the flow's wait began (waits only see later events), or the
// `review/decided` send failed after the decision committed. Null while nobody has decided.
import type { Db } from '@/server/db/client';

export type ReviewVerdict = { decision: 'approve' | 'reject'; reason: string };

export async function reviewVerdict(db: Db, reviewId: string): Promise<ReviewVerdict | null> {
  const item = await db.reviewItem.findUnique({ where: { id: reviewId }, select: { status: true } });
  if (item?.status === 'approved') return { decision: 'approve', reason: 'approved by a reviewer' };
  if (item?.status === 'rejected') return { decision: 'reject', reason: 'rejected by a reviewer' };
  return null;
}
