import { z } from 'zod';

export const REVIEW_STATUSES = ['open', 'escalated', 'approved', 'rejected', 'expired'] as const;
export type ReviewStatusName = (typeof REVIEW_STATUSES)[number];

/** What a policy sends to the queue. Summary and reasons are shown as is: no raw personal data. */
export const enqueueReviewInput = z.object({
  kind: z.string().min(1).max(40),
  subjectId: z.string().min(1).max(100),
  score: z.number().int().min(0).max(99).nullable().default(null),
  reasons: z.array(z.string().min(1).max(300)).max(20).default([]),
  summary: z.record(z.string(), z.unknown()).default({}),
  /** How long a reviewer has before the item escalates. */
  slaMinutes: z.number().int().min(1).max(7 * 24 * 60).default(60),
});
export type EnqueueReviewInput = z.input<typeof enqueueReviewInput>;

export const listReviewsInput = z.object({
  status: z.enum(['pending', ...REVIEW_STATUSES]).default('pending'),
  kind: z.string().min(1).max(40).optional(),
  /** Only items assigned to this staff id. */
  assignee: z.string().min(1).max(100).optional(),
  limit: z.number().int().min(1).max(200).default(50),
});
export type ListReviewsInput = z.input<typeof listReviewsInput>;

export const reviewIdInput = z.object({ reviewId: z.string().min(1).max(100) });

export const decideReviewInput = z.object({
  reviewId: z.string().min(1).max(100),
  decision: z.enum(['approve', 'reject']),
  note: z.string().trim().max(1000).default(''),
});
export type DecideReviewInput = z.input<typeof decideReviewInput>;

export const subjectReviewInput = z.object({ kind: z.string().min(1).max(40), subjectId: z.string().min(1).max(100) });

/** Assign to a staff member (their id), or unassign with null. */
export const assignReviewInput = z.object({
  reviewId: z.string().min(1).max(100),
  assignee: z.string().trim().min(1).max(100).nullable(),
});
export type AssignReviewInput = z.input<typeof assignReviewInput>;

/** A model leans to reject at this risk score (0–99) or above; reviewer agreement is measured against it. */
export const MODEL_REJECT_SCORE = 50;
