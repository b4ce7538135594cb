import { inngest } from '@/inngest/client';
import { getDb } from '@/server/db/client';
import { decayPopularity } from '@/server/modules/search/decay-popularity';

export const decaySearchPopularity = inngest.createFunction(
  { id: 'decay-search-popularity', triggers: [{ cron: '15 3 * * *' }], retries: 2 },
  async ({ step }) => step.run('decay-popularity', () => decayPopularity(getDb())),
);
