// Keyword retrieval on Postgres full-text search: weighted fields (A title, B class and
// category, C features, D description), synonyms as OR-alternatives, prefix matching on the
// last term (as-you-type), and trigram similarity on titles for typos.
import { Prisma } from '@/server/db/generated/client';
import type { Db } from '@/server/db/client';
import { filtersSql } from './filters-sql';
import type { SearchFilters } from './search.schema';
import type { ExpandedTerm } from './synonyms';

export type KeywordResult = { ids: string[]; strictHits: number; anyHits: number; typoIds: string[] };

const WORD = /^[a-z0-9]+$/;
/** Below this many products matching every term, partial matches are retrieved too. */
const LOOSE_BELOW = 30;

function termQuery(text: string, prefix: boolean): string | null {
  const words = text.split(' ').filter((w) => WORD.test(w));
  if (words.length === 0) return null;
  if (words.length === 1) return prefix && words[0]!.length >= 3 ? `${words[0]}:*` : words[0]!;
  return `(${words.join(' <-> ')})`;
}

/** Builds to_tsquery strings: every term (strict) and any term (loose). */
export function buildTsQueries(terms: ExpandedTerm[]): { strict: string; loose: string } | null {
  const groups = terms
    .map((t, i) => {
      const last = i === terms.length - 1;
      const options = [termQuery(t.text, last), ...t.alternatives.map((a) => termQuery(a, false))].filter(
        (o): o is string => o !== null,
      );
      return options.length ? `(${[...new Set(options)].join(' | ')})` : null;
    })
    .filter((g): g is string => g !== null);
  if (groups.length === 0) return null;
  // "Loose" means all but one term for longer queries (any pair of three, any three of
  // four…), so partial matches still share most of the query, not one common word.
  return { strict: groups.join(' & '), loose: groups.length >= 3 ? allButOne(groups) : groups.join(' | ') };
}

function allButOne(groups: string[]): string {
  return groups.map((_, skip) => `(${groups.filter((_, i) => i !== skip).join(' & ')})`).join(' | ');
}

export async function retrieveKeyword(
  db: Db,
  input: { terms: ExpandedTerm[]; queryNorm: string; filters: SearchFilters; limit: number; trigram: boolean },
): Promise<KeywordResult> {
  const q = buildTsQueries(input.terms);
  const where = filtersSql(input.filters);
  let ids: string[] = [];
  let strictHits = 0;
  let anyHits = 0;
  if (q) {
    // Products matching every term, by weighted cover density normalised by length.
    const strict = await db.$queryRaw<{ product_id: string }[]>`
      SELECT d.product_id FROM search_documents d
      WHERE d.document @@ to_tsquery('english', ${q.strict}) AND ${where}
      ORDER BY ts_rank_cd(d.document, to_tsquery('english', ${q.strict}), 1) DESC, d.product_id
      LIMIT ${input.limit}`;
    ids = strict.map((r) => r.product_id);
    strictHits = ids.length;
    anyHits = ids.length;
    // Products matching only some terms matter when few match all of them; ranking every
    // partial match of a common word is the expensive part, so it is skipped otherwise.
    if (strictHits < LOOSE_BELOW) {
      const loose = await db.$queryRaw<{ product_id: string }[]>`
        SELECT d.product_id FROM search_documents d
        WHERE d.document @@ to_tsquery('english', ${q.loose}) AND NOT (d.document @@ to_tsquery('english', ${q.strict})) AND ${where}
        ORDER BY ts_rank_cd(d.document, to_tsquery('english', ${q.loose}), 1) DESC, d.product_id
        LIMIT ${input.limit - strictHits}`;
      ids.push(...loose.map((r) => r.product_id));
      anyHits = ids.length;
    }
  }
  // Typos the spelling corrector could not fix (e.g. split or joined words): when nothing
  // matches every term of a short query, look for titles that nearly contain it.
  let typoIds: string[] = [];
  const words = input.queryNorm.split(' ').length;
  if (strictHits === 0 && words <= 3 && input.queryNorm.length >= 3) {
    typoIds = input.trigram ? await trigramMatches(db, input.queryNorm, where) : await prefixMatches(db, input.queryNorm, where);
    const seen = new Set(ids);
    ids = [...ids.slice(0, strictHits), ...typoIds.filter((id) => !seen.has(id)), ...ids.slice(strictHits)].slice(0, input.limit);
    anyHits = Math.max(anyHits, ids.length);
  }
  return { ids, strictHits, anyHits, typoIds };
}

async function trigramMatches(db: Db, queryNorm: string, where: Prisma.Sql): Promise<string[]> {
  // `<%` uses pg_trgm.word_similarity_threshold, set per session (server/db/client.ts).
  const rows = await db.$queryRaw<{ product_id: string }[]>`
    SELECT d.product_id FROM search_documents d
    WHERE ${queryNorm} <% d.title_norm AND ${where}
    ORDER BY word_similarity(${queryNorm}, d.title_norm) DESC, d.product_id LIMIT 50`;
  return rows.map((r) => r.product_id);
}

/** Without pg_trgm: titles containing a word that starts like each query word. */
async function prefixMatches(db: Db, queryNorm: string, where: Prisma.Sql): Promise<string[]> {
  const words = queryNorm.split(' ').filter((w) => w.length >= 3);
  if (words.length === 0) return [];
  const likes = Prisma.join(
    words.map((w) => Prisma.sql`d.title_norm LIKE ${`%${w.slice(0, Math.max(3, w.length - 2))}%`}`),
    ' OR ',
  );
  const rows = await db.$queryRaw<{ product_id: string }[]>`
    SELECT d.product_id FROM search_documents d WHERE (${likes}) AND ${where} ORDER BY d.product_id LIMIT 50`;
  return rows.map((r) => r.product_id);
}
