import { inngest } from '@/inngest/client';
import { getDb } from '@/server/db/client';
import { rebuildCooccurrence } from '@/server/modules/recommendations/cooc-store';
import { evaluateAndRegister } from '@/server/modules/recommendations/register-nightly-version';

/**
 * Nightly: co-occurrence and popularity recomputed from the event log with time decay, then
 * the serving algorithm evaluated offline and registered as a draft version with its results,
 * so it can be promoted only through the models gate (recall@10 not worse than production).
 */
export const rebuildRecommendations = inngest.createFunction(
  { id: 'rebuild-recommendations', triggers: [{ cron: '30 2 * * *' }], retries: 2 },
  async ({ step }) => {
    const rebuilt = await step.run('rebuild-cooccurrence', () => rebuildCooccurrence(getDb()));
    const registered = await step.run('evaluate-and-register', () => evaluateAndRegister(getDb()));
    return { ...rebuilt, registered };
  },
);
