// How deep the human review queue is and how long the oldest waiting item has waited.
import type { Db } from '@/server/db/client';

export async function reviewQueueDepth(db: Db, now = new Date()) {
  const where = { status: { in: ['open', 'escalated'] as ('open' | 'escalated')[] } };
  const [depth, overdue, oldest] = await Promise.all([
    db.reviewItem.count({ where }),
    db.reviewItem.count({ where: { ...where, dueAt: { lt: now } } }),
    db.reviewItem.findFirst({ where, orderBy: { createdAt: 'asc' }, select: { createdAt: true, kind: true } }),
  ]);
  return { depth, overdue, oldestAgeMinutes: oldest ? Math.floor((now.getTime() - oldest.createdAt.getTime()) / 60_000) : null };
}
