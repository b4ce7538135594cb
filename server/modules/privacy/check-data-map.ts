// Holds the data map to the schema: every personal-looking column and every JSON column is
// declared (in DATA_MAP or NOT_PERSONAL), and every declared column exists. Used by the test
// and by `npm run privacy:check`-style tooling; reads the schema through Prisma's DMMF.
import internals from '@prisma/internals';
import { readFile } from 'node:fs/promises';
import { DATA_MAP, NOT_PERSONAL, PERSONAL_LOOKING, type DataMapEntry } from './data-map';

// CommonJS package: the default import works under Node's ESM loader (see schema-drift.ts).
const { getDMMF } = internals;

export type SchemaColumn = { table: string; column: string; type: string };

/** Every scalar column of the schema as Postgres names (table, column, Prisma type). */
export async function schemaColumns(schemaPath: string): Promise<SchemaColumn[]> {
  const { datamodel } = await getDMMF({ datamodel: await readFile(schemaPath, 'utf8') });
  const out: SchemaColumn[] = [];
  for (const m of datamodel.models) {
    for (const f of m.fields) {
      if (f.kind === 'object') continue;
      out.push({ table: m.dbName ?? m.name, column: f.dbName ?? f.name, type: f.type });
    }
  }
  return out;
}

/** Entries that describe a database column (logs and the embedding note are not columns). */
const isColumnEntry = (e: DataMapEntry) => e.store !== 'log_field' && e.store !== 'embedding';

/** One line per problem; [] means the map and the schema agree. */
export function checkDataMap(
  columns: SchemaColumn[],
  map: DataMapEntry[] = DATA_MAP,
  notPersonal: Record<string, string> = NOT_PERSONAL,
): string[] {
  const problems: string[] = [];
  const existing = new Set(columns.map((c) => `${c.table}.${c.column}`));
  const declared = new Set([...map.filter(isColumnEntry).map((e) => `${e.table}.${e.column}`), ...Object.keys(notPersonal)]);
  for (const c of columns) {
    const key = `${c.table}.${c.column}`;
    if (declared.has(key)) continue;
    if (c.type === 'Json') problems.push(`${key}: JSON column not in the data map (declare it, or list it in NOT_PERSONAL with a reason)`);
    else if (c.type === 'String' && PERSONAL_LOOKING.test(c.column)) problems.push(`${key}: looks personal but is not in the data map`);
  }
  for (const key of declared) {
    if (!existing.has(key)) problems.push(`${key}: named by the data map but not in the schema`);
  }
  return problems;
}
