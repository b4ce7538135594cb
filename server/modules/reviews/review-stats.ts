// How the queue is doing: depth, the oldest waiting item, overdue and unassigned counts, and
// how often reviewers agree with the model (from the labels their decisions left).
import type { Db } from '@/server/db/client';
import { decisionFeatures } from '@/server/decisions/read-decisions';

export type ReviewQueueStats = {
  depth: number;
  unassigned: number;
  overdue: number;
  oldestAgeMinutes: number | null;
  agreement: {
    labels: number;
    /** Labels where the model had a lean (it scored the subject). */
    withModel: number;
    agreed: number;
    rate: number | null;
    byModelVersion: { modelVersion: string; withModel: number; agreed: number; rate: number }[];
  };
};

export async function reviewQueueStats(db: Db, now = new Date()): Promise<ReviewQueueStats> {
  const [queue] = await db.$queryRaw<
    { depth: number; unassigned: number; overdue: number; oldest: Date | null }[]
  >`
    SELECT count(*)::int AS depth,
      (count(*) FILTER (WHERE assignee IS NULL))::int AS unassigned,
      (count(*) FILTER (WHERE due_at < ${now}))::int AS overdue,
      min(created_at) AS oldest
    FROM review_items WHERE status IN ('open', 'escalated')`;
  const rows = await db.$queryRaw<{ model_version: string | null; labels: number; with_model: number; agreed: number }[]>`
    SELECT model_version, count(*)::int AS labels,
      (count(*) FILTER (WHERE model_recommendation IS NOT NULL))::int AS with_model,
      (count(*) FILTER (WHERE model_recommendation = label))::int AS agreed
    FROM review_labels GROUP BY model_version ORDER BY model_version`;
  const labels = rows.reduce((n, r) => n + r.labels, 0);
  const withModel = rows.reduce((n, r) => n + r.with_model, 0);
  const agreed = rows.reduce((n, r) => n + r.agreed, 0);
  return {
    depth: queue?.depth ?? 0,
    unassigned: queue?.unassigned ?? 0,
    overdue: queue?.overdue ?? 0,
    oldestAgeMinutes: queue?.oldest ? Math.floor((now.getTime() - new Date(queue.oldest).getTime()) / 60_000) : null,
    agreement: {
      labels,
      withModel,
      agreed,
      rate: withModel ? agreed / withModel : null,
      byModelVersion: rows
        .filter((r) => r.model_version !== null && r.with_model > 0)
        .map((r) => ({ modelVersion: r.model_version!, withModel: r.with_model, agreed: r.agreed, rate: r.agreed / r.with_model })),
    },
  };
}

/** Labels for retraining: each decided item with the decision whose features it labels (risk trainer). */
export function listReviewLabels(db: Db, opts: { kind?: string; since?: Date; limit?: number } = {}) {
  return db.reviewLabel.findMany({
    where: { kind: opts.kind, createdAt: opts.since ? { gte: opts.since } : undefined },
    orderBy: [{ createdAt: 'asc' }, { id: 'asc' }],
    take: opts.limit ?? 10_000,
  });
}

/**
 * Labels as training examples: the numeric features of the decision each label applies to and
 * the reviewer's verdict (1 = reject, the positive class for risk). Labels without a logged
 * decision are skipped. The seam for `risk:train --labels`.
 */
export async function labelledExamples(db: Db, opts: { kind: string; since?: Date; limit?: number }) {
  const labels = (await listReviewLabels(db, opts)).filter((l) => l.decisionId);
  const features = await decisionFeatures(
    db,
    labels.map((l) => l.decisionId!),
  );
  return labels.flatMap((l) => {
    const f = features.get(l.decisionId!);
    if (!f) return [];
    const numeric = Object.fromEntries(Object.entries(f).filter((e): e is [string, number] => typeof e[1] === 'number'));
    return [{ reviewId: l.reviewId, decisionId: l.decisionId!, features: numeric, label: l.label === 'reject' ? 1 : 0 }];
  });
}
