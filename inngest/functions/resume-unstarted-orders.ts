import { inngest } from '@/inngest/client';
import { getDb } from '@/server/db/client';
import { resumeUnstartedOrders } from '@/server/modules/checkout/resume-unstarted-orders';

/** Every five minutes: authorised or held orders whose exception flow never started get their event again. */
export const resumeUnstartedOrdersFn = inngest.createFunction(
  { id: 'resume-unstarted-orders', name: 'Orders: start flows whose event was lost', triggers: [{ cron: '*/5 * * * *' }], retries: 2 },
  async ({ step }) => step.run('resend-order-placed', () => resumeUnstartedOrders(getDb())),
);
