import { inngest } from '@/inngest/client';
import { catalogProductUpdated } from '@/inngest/events';
import { getDb } from '@/server/db/client';
import { indexCatalog } from '@/server/modules/search/index-catalog';

export const indexUpdatedProduct = inngest.createFunction(
  {
    id: 'index-updated-product',
    triggers: [catalogProductUpdated],
    // A merchant editing a product fires a burst of updates: index once, after the last.
    debounce: { key: 'event.data.productId', period: '5s' },
    retries: 3,
  },
  async ({ event, step }) => {
    const productId = event.data.productId;
    return step.run('index-products', () => indexCatalog(getDb(), { ids: [productId] }));
  },
);
