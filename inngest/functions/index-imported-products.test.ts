// Unit test with @inngest/test: the import pipeline indexes in named batches.
import { InngestTestEngine } from '@inngest/test';
import { describe, expect, it, vi } from 'vitest';

const indexCatalog = vi.fn(async (_db: unknown, opts: { ids?: string[] } = {}) => ({ indexed: opts.ids?.length ?? 999, embedded: 0, embedder: 'test@1' }));
vi.mock('@/server/modules/search/index-catalog', () => ({ indexCatalog }));
vi.mock('@/server/db/client', () => ({ getDb: () => ({}) }));

const { INDEX_BATCH, indexImportedProducts } = await import('./index-imported-products');

describe('index-imported-products', () => {
  it('indexes the imported ids in batches, one named step each', async () => {
    indexCatalog.mockClear();
    const ids = Array.from({ length: INDEX_BATCH * 2 + 5 }, (_, i) => `prod_${i}`);
    const t = new InngestTestEngine({ function: indexImportedProducts, events: [{ name: 'catalog/products.imported', data: { productIds: ids } }] });
    const { result } = await t.execute();
    expect(result).toEqual({ batches: 3, indexed: ids.length, embedded: 0 });
    expect(indexCatalog.mock.calls.map((c) => c[1]?.ids?.length)).toEqual([INDEX_BATCH, INDEX_BATCH, 5]);
  });

  it('reindexes the whole catalog when no ids are given', async () => {
    indexCatalog.mockClear();
    const t = new InngestTestEngine({ function: indexImportedProducts, events: [{ name: 'catalog/products.imported', data: {} }] });
    const { result } = await t.execute();
    expect(result).toEqual({ indexed: 999, embedded: 0, embedder: 'test@1' });
    expect(indexCatalog).toHaveBeenCalledTimes(1);
  });
});
