import { inngest } from '@/inngest/client';
import { getDb } from '@/server/db/client';
import { ensureEventPartitions } from '@/server/modules/events/event-partitions';
import { applyRetentionRule } from '@/server/modules/privacy/retention';

/**
 * Daily: the event log's monthly partitions for this month and the next three exist before
 * any event needs them, and months past the data map's retention are dropped — through
 * privacy's `events` retention rule (its age, its RETENTION_EVENTS_DAYS override), not a copy.
 */
export const maintainEventPartitions = inngest.createFunction(
  { id: 'maintain-event-partitions', name: 'Event log partitions', triggers: [{ cron: '45 2 * * *' }], retries: 2, concurrency: { limit: 1 } },
  async ({ step }) => {
    const ahead = await step.run('create-partitions-ahead', () => ensureEventPartitions(getDb(), { monthsAhead: 3 }));
    const retention = await step.run('drop-expired-partitions', () => applyRetentionRule(getDb(), 'events'));
    return { created: ahead.created, movedFromDefault: ahead.moved, retention };
  },
);
