import { inngest } from '@/inngest/client';
import { searchEmbedderChanged } from '@/inngest/events';
import { getDb } from '@/server/db/client';
import { publishInvalidation } from '@/server/lib/cache-bus';
import { embedMissingBatch } from '@/server/modules/search/embed-missing-batch';
import { indexCatalog } from '@/server/modules/search/index-catalog';

const BATCH = 256;
// A guard against a batch that never shrinks the backlog (e.g. an embedder returning nothing).
const MAX_BATCHES = 10_000;

export const reembedCatalog = inngest.createFunction(
  {
    id: 'reembed-catalog',
    triggers: [searchEmbedderChanged],
    // Two changes in a row need one backfill, not two racing ones.
    concurrency: { limit: 1 },
    retries: 3,
  },
  async ({ event, step }) => {
    await step.run('reset-embedder', async () => {
      // Every instance (app and workers) switches to the new embedder, not only this one.
      await publishInvalidation(getDb(), 'search.embedder');
      return { requested: event.data.embedder };
    });
    let embedded = 0;
    let batches = 0;
    // One step per batch: each step's output (embedded, remaining) is the progress the console shows.
    for (let i = 0; i < MAX_BATCHES; i++) {
      const r = await step.run(`embed-batch-${i}`, () => embedMissingBatch(getDb(), BATCH));
      embedded += r.embedded;
      batches++;
      if (r.remaining === 0 || r.embedded === 0) break;
    }
    // Documents and the vector index for the (possibly new) embedder, and caches reset.
    const result = await step.run('finish-index', () => indexCatalog(getDb(), { full: true }));
    return { requested: event.data.embedder, batches, embedded, indexed: result.indexed, embedder: result.embedder };
  },
);
