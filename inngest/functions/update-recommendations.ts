import { inngest } from '@/inngest/client';
import { shopperCartItemAdded, shopperCheckoutCompleted } from '@/inngest/events';
import { getDb } from '@/server/db/client';
import { applyEvent } from '@/server/modules/recommendations/cooc-store';

/** Bought-together pairs follow carts and checkouts as they happen; views wait for the nightly rebuild. */
export const updateRecommendations = inngest.createFunction(
  { id: 'update-recommendations', triggers: [shopperCartItemAdded, shopperCheckoutCompleted], retries: 3 },
  async ({ event, step }) =>
    step.run('apply-event', () =>
      applyEvent(getDb(), {
        id: event.id ?? `${event.name}:${event.ts}`,
        name: event.name,
        data: event.data,
        ts: new Date(event.ts ?? Date.now()),
      }),
    ),
);
