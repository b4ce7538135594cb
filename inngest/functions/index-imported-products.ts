import { inngest } from '@/inngest/client';
import { catalogProductsImported } from '@/inngest/events';
import { getDb } from '@/server/db/client';
import { indexCatalog } from '@/server/modules/search/index-catalog';

// Small enough that one batch (documents + vectors) finishes well inside a step's lease.
export const INDEX_BATCH = 200;

export const indexImportedProducts = inngest.createFunction(
  { id: 'index-imported-products', triggers: [catalogProductsImported], retries: 3 },
  async ({ event, step }) => {
    const ids = event.data.productIds;
    if (!ids) {
      return step.run('index-products', () => indexCatalog(getDb()));
    }
    let indexed = 0;
    let embedded = 0;
    for (let i = 0; i < ids.length; i += INDEX_BATCH) {
      const batch = ids.slice(i, i + INDEX_BATCH);
      // One named step per batch: a retry or a restart resumes at the first unfinished batch.
      const r = await step.run(`index-products-${i / INDEX_BATCH}`, () => indexCatalog(getDb(), { ids: batch }));
      indexed += r.indexed;
      embedded += r.embedded;
    }
    return { batches: Math.ceil(ids.length / INDEX_BATCH), indexed, embedded };
  },
);
