// Replacing a subject's identifiers inside free text and JSON columns (event payloads, step
// outputs, provider payloads) where rows are not keyed by the subject. Matching is
// case-insensitive on the JSON-escaped form, so the replacement keeps the JSON valid.
import type { Db } from '@/server/db/client';

export const ERASED = '[erased]';

/** Postgres ARE: escape every metacharacter so the identifier matches literally. */
export function escapeRegex(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** The identifier as it appears inside a JSON string (quotes and backslashes escaped). */
function jsonForm(text: string): string {
  return JSON.stringify(text).slice(1, -1);
}

export function identifierPattern(identifiers: string[]): string | null {
  const forms = [...new Set(identifiers.flatMap((i) => [i, jsonForm(i)]))].filter(Boolean);
  return forms.length ? forms.map(escapeRegex).join('|') : null;
}

const IDENT = /^[a-z_][a-z0-9_]*$/;

/**
 * Scrubs `table.column` (jsonb or text) wherever it contains one of the identifiers; `where`
 * narrows the rows (a trusted SQL fragment from this module, never input). Returns rows changed.
 */
export async function scrubColumn(
  db: Db,
  table: string,
  column: string,
  identifiers: string[],
  opts: { json: boolean; where?: string } = { json: true },
): Promise<number> {
  if (!IDENT.test(table) || !IDENT.test(column)) throw new Error(`bad identifier ${table}.${column}`);
  const pattern = identifierPattern(identifiers);
  if (!pattern) return 0;
  const text = opts.json ? `"${column}"::text` : `"${column}"`;
  const replaced = `regexp_replace(${text}, $1, '${ERASED}', 'gi')`;
  const sql = `UPDATE "${table}" SET "${column}" = ${opts.json ? `${replaced}::jsonb` : replaced}
    WHERE "${column}" IS NOT NULL AND ${text} ~* $1 ${opts.where ? `AND (${opts.where})` : ''}`;
  return db.$executeRawUnsafe(sql, pattern);
}
