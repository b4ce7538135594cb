// One resumable slice of a re-embed backfill: vectors from the active embedder for up to
// `limit` documents that lack one. The backfill function calls it as one step per batch, so
// progress is visible per step and a restart resumes at the first unfinished batch.
import type { Db } from '@/server/db/client';
import { listProductsForIndex } from '@/server/modules/catalog/list-for-index';
import { getActiveEmbedder } from './active-embedder';
import { embeddingText } from './index-documents';
import { productsMissingVectors, storeVectors } from './product-vectors';

export async function embedMissingBatch(db: Db, limit = 256): Promise<{ embedder: string; embedded: number; remaining: number }> {
  const embedder = await getActiveEmbedder(db);
  const missing = await productsMissingVectors(db, embedder);
  const ids = missing.slice(0, limit);
  if (ids.length > 0) {
    const products = await listProductsForIndex(db, { ids, limit });
    const vectors = await embedder.embed(products.map(embeddingText));
    await storeVectors(db, embedder, products.map((p, i) => ({ productId: p.id, vector: vectors[i]! })));
  }
  return { embedder: `${embedder.id}@${embedder.version}`, embedded: ids.length, remaining: missing.length - ids.length };
}
