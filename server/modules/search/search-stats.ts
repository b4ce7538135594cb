// Slow-changing facts about the index that every query needs, cached briefly per process.
import type { Db } from '@/server/db/client';
import { normalizeText } from './text';
import { onInvalidate } from '@/server/lib/cache-bus';

export type SearchStats = { categoryTerms: Set<string>; maxPopularity: number; trigram: boolean };

const TTL_MS = 60_000;
let cache: { at: number; value: Promise<SearchStats> } | undefined;

export function clearSearchStats() {
  cache = undefined;
}
onInvalidate('search.index', clearSearchStats);

export function getSearchStats(db: Db): Promise<SearchStats> {
  if (cache && Date.now() - cache.at < TTL_MS) return cache.value;
  const value = load(db).catch((err) => {
    cache = undefined;
    throw err;
  });
  cache = { at: Date.now(), value };
  return value;
}

async function load(db: Db): Promise<SearchStats> {
  const [terms, pop, ext] = await Promise.all([
    db.$queryRaw<{ term: string }[]>`
      SELECT DISTINCT leaf_category AS term FROM search_documents WHERE leaf_category IS NOT NULL
      UNION SELECT DISTINCT unnest(classes) FROM search_documents`,
    db.$queryRaw<{ max: number | null }[]>`SELECT max(popularity) AS max FROM search_documents`,
    db.$queryRaw<{ ok: boolean }[]>`SELECT EXISTS (SELECT 1 FROM pg_extension WHERE extname = 'pg_trgm') AS ok`,
  ]);
  const categoryTerms = new Set<string>();
  for (const { term } of terms) {
    const norm = normalizeText(term);
    categoryTerms.add(norm);
    // "Sofas" is named by "sofa" too.
    if (norm.endsWith('s')) categoryTerms.add(norm.slice(0, -1));
  }
  return { categoryTerms, maxPopularity: Number(pop[0]?.max ?? 0), trigram: ext[0]?.ok ?? false };
}

/** Whether the query contains a known category or class name (1–3 word spans). */
export function namesCategory(tokens: string[], terms: Set<string>): boolean {
  for (let len = 1; len <= 3; len++) {
    for (let i = 0; i + len <= tokens.length; i++) if (terms.has(tokens.slice(i, i + len).join(' '))) return true;
  }
  return false;
}
