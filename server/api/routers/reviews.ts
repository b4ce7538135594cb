// The human review queue: every decision a policy sends to a person.
import { decideReview } from '@/server/modules/reviews/decide-review';
import { getReview, listReviews, reviewCounts, reviewForSubject } from '@/server/modules/reviews/list-reviews';
import { decideReviewInput, listReviewsInput, reviewIdInput, subjectReviewInput } from '@/server/modules/reviews/reviews.schema';
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
});
