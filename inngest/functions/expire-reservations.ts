import { inngest } from '@/inngest/client';
import { getDb } from '@/server/db/client';
import { expireReservations } from '@/server/modules/checkout/expire-orders';

/** Every five minutes: orders whose stock reservation expired while still pending payment are cancelled and their stock released. */
export const expireReservationsFn = inngest.createFunction(
  { id: 'expire-reservations', triggers: [{ cron: '*/5 * * * *' }], retries: 2 },
  async ({ step }) => step.run('expire-pending-orders', () => expireReservations(getDb())),
);
