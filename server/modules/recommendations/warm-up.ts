// Loads what the first recommendation would otherwise wait for (catalog snapshot, popularity,
// the active embedder), so a cold server does not answer its first shoppers degraded.
import type { Db } from '@/server/db/client';
import { getActiveEmbedder } from '@/server/modules/search/active-embedder';
import { getCatalog } from './catalog-snapshot';
import { getPopularity } from './cooc-store';

export async function warmRecommendations(db: Db): Promise<{ products: number; ms: number }> {
  const t0 = performance.now();
  const [catalog] = await Promise.all([getCatalog(db), getPopularity(db), getActiveEmbedder(db)]);
  return { products: catalog.items.size, ms: Math.round(performance.now() - t0) };
}
