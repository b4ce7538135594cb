// Scans the database for raw identifiers: every text, varchar, json, jsonb and text[] column of
// every table in the public schema, case-insensitively. The verification behind the erasure
// and tokenisation tests; also usable by an operator after an incident.
export type Query = <R extends Record<string, unknown>>(sql: string, params?: unknown[]) => Promise<{ rows: R[] }>;

export type PiiHit = { table: string; column: string; identifier: string; rows: number };

const COLUMNS_PER_STATEMENT = 60;
const TEXTUAL = ['text', 'character varying', 'character', 'json', 'jsonb', 'ARRAY'];

export async function scanForIdentifiers(
  query: Query,
  identifiers: string[],
  opts: { tables?: string[]; exclude?: string[] } = {},
): Promise<PiiHit[]> {
  const cols = await query<{ table_name: string; column_name: string; data_type: string }>(
    `SELECT c.table_name, c.column_name, c.data_type FROM information_schema.columns c
       JOIN information_schema.tables t ON t.table_schema = c.table_schema AND t.table_name = c.table_name AND t.table_type = 'BASE TABLE'
      WHERE c.table_schema = 'public' AND c.data_type = ANY($1::text[])
      ORDER BY c.table_name, c.ordinal_position`,
    [TEXTUAL],
  );
  const parts = cols.rows
    .filter((c) => (!opts.tables || opts.tables.includes(c.table_name)) && !opts.exclude?.includes(c.table_name) && c.table_name !== '_prisma_migrations')
    .map(
      (c) => `SELECT '${c.table_name}' AS "table", '${c.column_name}' AS "column", i.ident AS identifier, count(*)::int AS rows
        FROM "${c.table_name}", unnest($1::text[]) AS i(ident)
        WHERE strpos(lower("${c.column_name}"::text), lower(i.ident)) > 0 GROUP BY i.ident`,
    );
  if (parts.length === 0 || identifiers.length === 0) return [];
  // A few statements for the whole database: names come from the catalog, identifiers are a
  // parameter. Batches of columns, because the embedded database (PGlite) fails one statement
  // of several hundred UNIONs ("unnamed prepared statement does not exist").
  const hits: PiiHit[] = [];
  for (let i = 0; i < parts.length; i += COLUMNS_PER_STATEMENT) {
    const r = await query<PiiHit>(parts.slice(i, i + COLUMNS_PER_STATEMENT).join('\nUNION ALL\n'), [identifiers]);
    hits.push(...r.rows);
  }
  return hits.map((h) => ({ ...h, rows: Number(h.rows) })).sort((a, b) => `${a.table}.${a.column}`.localeCompare(`${b.table}.${b.column}`));
}
