// What a ranking draft (weights and merchandising rules) would change on real traffic: the
// most searched queries of the last days, run under the active configuration and under the
// draft; a query changes when its top results differ. Synonym drafts are checked textually:
// which recent queries contain a term whose synonyms changed.
import type { Db } from '@/server/db/client';
import type { RankingConfig } from './ranking-config';
import { queryReport } from './search-events';
import { searchProducts } from './search-products';
import { getActiveSynonyms } from './settings-versions';
import type { SynonymEntry } from './synonyms';
import { normalizeText } from './text';

const TOP = 5;

export async function simulateRanking(db: Db, draft: RankingConfig, opts: { days: number; queries?: number }) {
  const queries = await queryReport(db, { days: opts.days, limit: opts.queries ?? 25 });
  const changed: { query: string; searches: number; before: string[]; after: string[] }[] = [];
  for (const q of queries) {
    const input = { q: q.query, filters: {}, pageSize: TOP };
    const [before, after] = [
      await searchProducts(db, input),
      await searchProducts(db, input, { rankingOverride: draft }),
    ];
    const b = before.items.slice(0, TOP).map((i) => i.productId);
    const a = after.items.slice(0, TOP).map((i) => i.productId);
    if (b.join() !== a.join()) changed.push({ query: q.query, searches: q.searches, before: b, after: a });
  }
  return {
    days: opts.days,
    queries: queries.length,
    searches: queries.reduce((s, q) => s + q.searches, 0),
    changed: changed.length,
    changedSearches: changed.reduce((s, c) => s + c.searches, 0),
    examples: changed.slice(0, 20),
  };
}

export async function simulateSynonyms(db: Db, draft: SynonymEntry[], opts: { days: number; queries?: number }) {
  const active = await getActiveSynonyms(db);
  const key = (e: SynonymEntry) => JSON.stringify(e);
  const before = new Set(active.entries.map(key));
  const after = new Set(draft.map(key));
  const touched = new Set<string>();
  for (const e of [...active.entries.filter((x) => !after.has(key(x))), ...draft.filter((x) => !before.has(key(x)))])
    for (const term of termsOf(e)) touched.add(normalizeText(term));
  const queries = await queryReport(db, { days: opts.days, limit: opts.queries ?? 200 });
  const hit = queries.filter((q) => {
    const text = ` ${normalizeText(q.query)} `;
    return [...touched].some((t) => t && text.includes(` ${t} `));
  });
  return {
    days: opts.days,
    queries: queries.length,
    changedTerms: [...touched].sort(),
    changed: hit.length,
    changedSearches: hit.reduce((s, q) => s + q.searches, 0),
    examples: hit.slice(0, 20).map((q) => ({ query: q.query, searches: q.searches })),
  };
}

function termsOf(e: SynonymEntry): string[] {
  const values = Object.values(e as Record<string, unknown>);
  return values.flatMap((v) =>
    typeof v === 'string' ? [v] : Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : [],
  );
}
