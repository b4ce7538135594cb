import type { Db } from '@/server/db/client';
import { NotFoundError } from '@/server/errors';
import { listReviewsInput, type ListReviewsInput } from './reviews.schema';

/** The queue: pending (open or escalated) items oldest-due first; decided ones newest first. */
export async function listReviews(db: Db, raw: ListReviewsInput = {}) {
  const input = listReviewsInput.parse(raw);
  const pending = input.status === 'pending';
  const items = await db.reviewItem.findMany({
    where: {
      kind: input.kind,
      assignee: input.assignee,
      status: input.status === 'pending' ? { in: ['open', 'escalated'] } : input.status,
    },
    orderBy: pending ? [{ dueAt: 'asc' }, { id: 'asc' }] : [{ decidedAt: 'desc' }, { createdAt: 'desc' }],
    take: input.limit,
  });
  return items.map(toView);
}

export async function getReview(db: Db, reviewId: string) {
  const item = await db.reviewItem.findUnique({ where: { id: reviewId } });
  if (!item) throw new NotFoundError('review item', reviewId);
  return toView(item);
}

export async function reviewCounts(db: Db) {
  const rows = await db.reviewItem.groupBy({ by: ['status'], _count: { _all: true } });
  const counts = Object.fromEntries(rows.map((r) => [r.status, r._count._all])) as Record<string, number>;
  return { open: counts.open ?? 0, escalated: counts.escalated ?? 0, approved: counts.approved ?? 0, rejected: counts.rejected ?? 0 };
}

type Row = Awaited<ReturnType<Db['reviewItem']['findMany']>>[number];

function toView(r: Row) {
  return {
    id: r.id,
    kind: r.kind,
    subjectId: r.subjectId,
    status: r.status,
    score: r.score,
    reasons: Array.isArray(r.reasons) ? (r.reasons as string[]) : [],
    summary: (r.summary ?? {}) as Record<string, unknown>,
    assignee: r.assignee,
    decidedBy: r.decidedBy,
    decisionNote: r.decisionNote,
    createdAt: r.createdAt,
    dueAt: r.dueAt,
    escalatedAt: r.escalatedAt,
    decidedAt: r.decidedAt,
    overdue: (r.status === 'open' || r.status === 'escalated') && r.dueAt.getTime() < Date.now(),
    /** Minutes since the item was queued (until decided). */
    ageMinutes: Math.floor(((r.decidedAt ?? new Date()).getTime() - r.createdAt.getTime()) / 60_000),
  };
}
export type ReviewView = ReturnType<typeof toView>;

/** The review item for one subject (e.g. an order), if a policy ever sent it to a person. */
export async function reviewForSubject(db: Db, kind: string, subjectId: string) {
  const item = await db.reviewItem.findUnique({ where: { kind_subjectId: { kind, subjectId } } });
  return item ? toView(item) : null;
}
