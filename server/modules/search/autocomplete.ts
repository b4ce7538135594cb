// Autocomplete service: a per-process AutocompleteIndex built from the database and
// refreshed in the background, so keystrokes never wait on a rebuild after the first.
import type { Db } from '@/server/db/client';
import { AutocompleteIndex, type Suggestion, type SuggestionEntry } from './autocomplete-index';
import { autocompleteInput, type AutocompleteInput } from './search.schema';
import { onInvalidate } from '@/server/lib/cache-bus';

// Rebuilding the index for a 50k catalog blocks the event loop for a moment, so it happens
// when indexing invalidates it (catalog changes) and otherwise only to pick up new popular
// queries every half hour.
const REFRESH_MS = 30 * 60_000;
let current: { index: AutocompleteIndex; builtAt: number } | undefined;
let building: Promise<AutocompleteIndex> | undefined;

export function invalidateAutocomplete() {
  current = undefined;
}
onInvalidate('search.index', invalidateAutocomplete);

export async function loadSuggestionEntries(db: Db): Promise<SuggestionEntry[]> {
  const [queries, categories, products] = await Promise.all([
    db.$queryRaw<{ q: string; n: bigint }[]>`
      SELECT query_norm AS q, count(*) AS n FROM search_events
      WHERE type = 'query' AND NOT zero_result AND query_norm IS NOT NULL AND created_at > now() - interval '30 days'
      GROUP BY query_norm HAVING count(*) >= 2 ORDER BY n DESC LIMIT 2000`,
    db.$queryRaw<{ name: string; n: bigint }[]>`
      SELECT leaf_category AS name, count(*) AS n FROM search_documents WHERE leaf_category IS NOT NULL GROUP BY 1`,
    db.searchDocument.findMany({ select: { title: true, slug: true, popularity: true, ratingAvg: true, reviewCount: true } }),
  ]);
  return [
    ...queries.map((r) => ({ text: r.q, kind: 'query' as const, weight: 1000 + Number(r.n) })),
    ...categories.map((r) => ({ text: r.name, kind: 'category' as const, weight: 100 + Number(r.n) })),
    ...products.map((p) => ({
      text: p.title,
      kind: 'product' as const,
      slug: p.slug,
      weight: p.popularity + (p.ratingAvg ?? 0) + Math.log1p(p.reviewCount),
    })),
  ];
}

/** The process's suggestion index (also the vocabulary search corrects spelling against). */
export async function getSuggestionIndex(db: Db): Promise<AutocompleteIndex> {
  const stale = !current || Date.now() - current.builtAt > REFRESH_MS;
  if (stale && !building) {
    building = loadSuggestionEntries(db)
      .then((entries) => {
        const index = new AutocompleteIndex(entries);
        current = { index, builtAt: Date.now() };
        return index;
      })
      .finally(() => {
        building = undefined;
      });
  }
  // Serve the previous index while a refresh runs; wait only when there is none yet.
  return current?.index ?? building!;
}

export async function autocomplete(db: Db, raw: AutocompleteInput): Promise<{ suggestions: Suggestion[]; tookMs: number }> {
  const input = autocompleteInput.parse(raw);
  const started = performance.now();
  const index = await getSuggestionIndex(db);
  const suggestions = index.suggest(input.q, input.limit);
  return { suggestions, tookMs: Math.round((performance.now() - started) * 1000) / 1000 };
}
