// Keeps search in step with the catalog: documents for every active product and vectors
// from the active embedder for every document that lacks one. Idempotent; safe to rerun.
import type { Db } from '@/server/db/client';
import type { Embedder } from '@/server/ml/embedders/types';
import { listProductsForIndex } from '@/server/modules/catalog/list-for-index';
import { getActiveEmbedder } from './active-embedder';
import { embeddingText, indexDocuments } from './index-documents';
import { ensureVectorIndex, productsMissingVectors, storeVectors } from './product-vectors';
import { publishInvalidation } from '@/server/lib/cache-bus';

const BATCH = 256;

export type EmbedProgress = (done: number, total: number) => void;

export async function embedMissing(db: Db, embedder: Embedder, onProgress?: EmbedProgress): Promise<{ embedded: number }> {
  const missing = await productsMissingVectors(db, embedder);
  for (let i = 0; i < missing.length; i += BATCH) {
    const products = await listProductsForIndex(db, { ids: missing.slice(i, i + BATCH), limit: BATCH });
    const vectors = await embedder.embed(products.map(embeddingText));
    await storeVectors(db, embedder, products.map((p, j) => ({ productId: p.id, vector: vectors[j]! })));
    onProgress?.(Math.min(i + BATCH, missing.length), missing.length);
  }
  await ensureVectorIndex(db, embedder);
  return { embedded: missing.length };
}

export async function indexCatalog(
  db: Db,
  opts: { ids?: string[]; full?: boolean; onProgress?: EmbedProgress } = {},
): Promise<{ indexed: number; embedded: number; embedder: string }> {
  const { indexed } = await indexDocuments(db, { ids: opts.ids, full: opts.full });
  const embedder = await getActiveEmbedder(db);
  const { embedded } = await embedMissing(db, embedder, opts.onProgress);
  // Fresh statistics let the planner pick the GIN and HNSW indexes after a bulk load.
  if (indexed > 0 || embedded > 0) await db.$executeRaw`ANALYZE search_documents, product_embeddings`;
  // Autocomplete and index statistics, on every instance.
  await publishInvalidation(db, 'search.index');
  return { indexed, embedded, embedder: `${embedder.id}@${embedder.version}` };
}
