// The human review queue: every decision a policy sends to a person.
import { decideReview } from '@/server/modules/reviews/decide-review';
import { getReview, listReviews, reviewCounts, reviewForSubject } from '@/server/modules/reviews/list-reviews';
import { listStaffWithPermission } from '@/server/modules/auth/list-staff-with-permission';
import { assignReview } from '@/server/modules/reviews/assign-review';
import { reviewQueueStats } from '@/server/modules/reviews/review-stats';
import {
  assignReviewInput,
  decideReviewInput,
  listReviewsInput,
  reviewIdInput,
  subjectReviewInput,
} from '@/server/modules/reviews/reviews.schema';
import { createTRPCRouter, merchantProcedure } from '../init';

export const reviewsRouter = createTRPCRouter({
  counts: merchantProcedure('review.read').query(({ ctx }) => reviewCounts(ctx.db)),
  list: merchantProcedure('review.read').input(listReviewsInput).query(({ ctx, input }) => listReviews(ctx.db, input)),
  get: merchantProcedure('review.read').input(reviewIdInput).query(({ ctx, input }) => getReview(ctx.db, input.reviewId)),
  forSubject: merchantProcedure('review.read')
    .input(subjectReviewInput)
    .query(({ ctx, input }) => reviewForSubject(ctx.db, input.kind, input.subjectId)),
  decide: merchantProcedure('review.decide')
    .input(decideReviewInput)
    .mutation(({ ctx, input }) => decideReview(ctx.db, ctx.staff, input)),
  assign: merchantProcedure('review.decide')
    .input(assignReviewInput)
    .mutation(({ ctx, input }) => assignReview(ctx.db, ctx.staff, input)),
  stats: merchantProcedure('review.read').query(({ ctx }) => reviewQueueStats(ctx.db)),
  reviewers: merchantProcedure('review.read').query(async ({ ctx }) => ({
    me: ctx.staff.id,
    reviewers: await listStaffWithPermission(ctx.db, 'review.decide'),
  })),
});
