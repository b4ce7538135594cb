import { inngest } from '@/inngest/client';
import { reviewDecided } from '@/inngest/events';
import { getDb } from '@/server/db/client';
import { resolveOrderAppeal } from '@/server/modules/orders/resolve-appeal';
import { APPEAL_KIND } from '@/server/modules/privacy/explain-decision';

/**
 * A reviewer decided a shopper's appeal: approval reinstates the cancelled order (stock
 * reserved again, payment link emailed) or says why it could not; rejection tells the
 * shopper the reason. resolveOrderAppeal records one outcome per review, so retries and
 * duplicate events are harmless. Other review kinds are not this function's business.
 */
export const resolveOrderAppealFn = inngest.createFunction(
  { id: 'resolve-order-appeal', triggers: [reviewDecided], retries: 5 },
  async ({ event, step }) => {
    if (event.data.kind !== APPEAL_KIND) return { skipped: event.data.kind };
    return step.run('resolve-appeal', () => resolveOrderAppeal(getDb(), { orderId: event.data.subjectId }));
  },
);
