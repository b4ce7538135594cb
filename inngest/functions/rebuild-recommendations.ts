import { inngest } from '@/inngest/client';
import { getDb } from '@/server/db/client';
import { rebuildCooccurrence } from '@/server/modules/recommendations/cooc-store';

/** Nightly: co-occurrence and popularity recomputed from the event log with time decay. */
export const rebuildRecommendations = inngest.createFunction(
  { id: 'rebuild-recommendations', triggers: [{ cron: '30 2 * * *' }], retries: 2 },
  async ({ step }) => step.run('rebuild-cooccurrence', () => rebuildCooccurrence(getDb())),
);
