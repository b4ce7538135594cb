import { inngest } from '@/inngest/client';
import { catalogImportRequested, catalogProductsImported } from '@/inngest/events';
import { getDb } from '@/server/db/client';
import { beginImport, failImport, finishImport, importChunk } from '@/server/modules/catalog/import/run-import';
import { announceRestock } from '@/server/modules/inventory/backorders';

export const catalogImport = inngest.createFunction(
  {
    id: 'catalog-import',
    triggers: [catalogImportRequested],
    // One import at a time: two files naming the same SKU must not race on it.
    concurrency: { limit: 1 },
    retries: 3,
    onFailure: async ({ event, error }) => {
      await failImport(getDb(), event.data.event.data.importId, error.message);
    },
  },
  async ({ event, step }) => {
    const importId = event.data.importId;
    const { chunks } = await step.run('begin', () => beginImport(getDb(), importId));
    let changed = 0;
    for (let i = 0; i < chunks; i++) {
      // One step (one transaction) per chunk: a restart resumes at the first unfinished chunk,
      // and the import row's counters are the progress bar.
      const r = await step.run(`chunk-${i}`, () => importChunk(getDb(), importId, i));
      changed += r.productIds.length;
      // Stock the file raised for variants with back-orders waiting: announced like a console restock.
      const restocked = r.restocked ?? [];
      if (restocked.length > 0)
        await step.run(`restock-${i}`, async () => {
          for (const change of restocked) await announceRestock(getDb(), change);
          return { announced: restocked.length };
        });
      if (r.productIds.length > 0) {
        // New and changed products are normalised, embedded and indexed by index-imported-products.
        await step.sendEvent(
          `index-chunk-${i}`,
          catalogProductsImported.create({ productIds: r.productIds, source: `import:${importId}` }, { id: `catalog-import-${importId}-${i}` }),
        );
      }
    }
    const summary = await step.run('finish', () => finishImport(getDb(), importId));
    return { ...summary, chunks, changed };
  },
);
