// Compares prisma/schema.prisma with the live database. Migrations are hand-written SQL
// (docs/decisions/002-migrations.md), so nothing else guarantees that they produce the
// schema the generated client was built from; this catches the gap before a query does.
import internals from '@prisma/internals';
import { readFile } from 'node:fs/promises';

// @prisma/internals is CommonJS whose exports Node's ESM loader cannot detect by name,
// so a named import breaks under plain Node/tsx (the CLI); the default import works everywhere.
const { getDMMF } = internals;

export type QueryFn = (sql: string, params?: unknown[]) => Promise<{ rows: unknown[] }>;

/** Prisma scalar → Postgres `typname` when no @db.* attribute is given (what migrate diff emits). */
const SCALAR_TYPES: Record<string, string> = {
  String: 'text',
  Int: 'int4',
  BigInt: 'int8',
  Float: 'float8',
  Decimal: 'numeric',
  Boolean: 'bool',
  DateTime: 'timestamp',
  Json: 'jsonb',
  Bytes: 'bytea',
};

/** @db.* native type → Postgres `typname`. */
const NATIVE_TYPES: Record<string, string> = {
  Text: 'text',
  Char: 'bpchar',
  VarChar: 'varchar',
  Uuid: 'uuid',
  Xml: 'xml',
  Inet: 'inet',
  Citext: 'citext',
  Bit: 'bit',
  VarBit: 'varbit',
  SmallInt: 'int2',
  Integer: 'int4',
  BigInt: 'int8',
  Oid: 'oid',
  Real: 'float4',
  DoublePrecision: 'float8',
  Decimal: 'numeric',
  Money: 'money',
  Boolean: 'bool',
  Timestamp: 'timestamp',
  Timestamptz: 'timestamptz',
  Date: 'date',
  Time: 'time',
  Timetz: 'timetz',
  Json: 'json',
  JsonB: 'jsonb',
  ByteA: 'bytea',
};

type DbColumn = { type: string; formatted: string; notNull: boolean };

/** Returns one human-readable line per difference; [] means the database matches the schema. */
export async function findSchemaDrift(schemaPath: string, query: QueryFn): Promise<string[]> {
  const text = await readFile(schemaPath, 'utf8');
  const { datamodel } = await getDMMF({ datamodel: text });
  const db = await readDatabase(query);
  const drift: string[] = [];

  const enumDbName = new Map(datamodel.enums.map((e) => [e.name, e.dbName ?? e.name]));
  for (const e of datamodel.enums) {
    const name = e.dbName ?? e.name;
    const actual = db.enums.get(name);
    if (!actual) {
      drift.push(`enum ${name}: missing from database`);
      continue;
    }
    const expected = e.values.map((v) => v.dbName ?? v.name);
    const missing = expected.filter((v) => !actual.includes(v));
    const extra = actual.filter((v) => !expected.includes(v));
    drift.push(...missing.map((v) => `enum ${name}: value "${v}" missing from database`));
    drift.push(...extra.map((v) => `enum ${name}: value "${v}" in database, not in schema`));
  }

  const unsupported = parseUnsupportedFields(text);
  const modelTables = new Set<string>();
  for (const model of datamodel.models) {
    const table = model.dbName ?? model.name;
    modelTables.add(table);
    const columns = db.tables.get(table);
    if (!columns) {
      drift.push(`${table}: table for model ${model.name} missing from database`);
      continue;
    }
    const known = new Set<string>();
    const columnOf = new Map<string, string>();
    for (const field of model.fields) {
      if (field.kind !== 'scalar' && field.kind !== 'enum') continue; // relations have no column
      const column = field.dbName ?? field.name;
      known.add(column);
      columnOf.set(field.name, column);
      const actual = columns.get(column);
      if (!actual) {
        drift.push(`${table}.${column}: column for ${model.name}.${field.name} missing from database`);
        continue;
      }
      const base =
        field.kind === 'enum'
          ? (enumDbName.get(field.type) ?? field.type)
          : ((field.nativeType && NATIVE_TYPES[field.nativeType[0]]) ?? SCALAR_TYPES[field.type] ?? field.type);
      const expected = field.isList ? `_${base}` : base;
      if (actual.type !== expected) {
        drift.push(`${table}.${column}: type ${expected} in schema, ${actual.type} in database`);
      }
      // Prisma creates list columns NOT NULL (empty array rather than NULL).
      checkNullability(drift, `${table}.${column}`, field.isRequired || field.isList, actual.notNull);
    }

    // getDMMF drops Unsupported("…") fields entirely, so they come from the schema text.
    for (const field of unsupported.get(model.name) ?? []) {
      known.add(field.column);
      columnOf.set(field.name, field.column);
      const actual = columns.get(field.column);
      if (!actual) {
        drift.push(`${table}.${field.column}: column for ${model.name}.${field.name} missing from database`);
        continue;
      }
      if (normalizeType(actual.formatted) !== normalizeType(field.type)) {
        drift.push(`${table}.${field.column}: type ${field.type} in schema, ${actual.formatted} in database`);
      }
      checkNullability(drift, `${table}.${field.column}`, field.required, actual.notNull);
    }

    for (const column of columns.keys()) {
      if (!known.has(column)) drift.push(`${table}.${column}: column in database, not in schema`);
    }

    // Field-level @unique and @@unique([...]) both need a unique index on exactly those columns.
    const uniqueSets = [
      ...model.fields.filter((f) => f.isUnique).map((f) => [f.name]),
      ...model.uniqueFields.map((fields) => [...fields]),
    ];
    const seen = new Set<string>();
    for (const fields of uniqueSets) {
      const cols = fields.map((f) => columnOf.get(f) ?? f);
      const key = columnKey(cols);
      if (seen.has(key)) continue;
      seen.add(key);
      if (cols.some((c) => !columns.has(c))) continue; // already reported as a missing column
      if (!db.uniqueIndexes.get(table)?.has(key)) {
        drift.push(`${table}(${cols.join(', ')}): unique in schema, no unique index in database`);
      }
    }
  }

  for (const table of db.tables.keys()) {
    if (table !== '_prisma_migrations' && !modelTables.has(table)) {
      drift.push(`${table}: table in database, not in schema`);
    }
  }
  return drift;
}

function checkNullability(drift: string[], where: string, required: boolean, notNull: boolean): void {
  if (required && !notNull) drift.push(`${where}: required in schema, nullable in database`);
  if (!required && notNull) drift.push(`${where}: optional in schema, NOT NULL in database`);
}

/** Unique-index identity ignores column order: (a, b) and (b, a) enforce the same thing. */
function columnKey(columns: string[]): string {
  return JSON.stringify([...columns].sort());
}

/** `format_type` spells types its own way (lowercase, may quote or schema-qualify). */
function normalizeType(type: string): string {
  return type
    .toLowerCase()
    .replace(/["\s]/g, '')
    .replace(/^[a-z_][a-z0-9_]*\.(?=[a-z_])/, '');
}

type UnsupportedField = {
  name: string;
  column: string;
  type: string;
  required: boolean;
};

/** Unsupported("…") fields per model, read from the schema text. */
export function parseUnsupportedFields(text: string): Map<string, UnsupportedField[]> {
  const result = new Map<string, UnsupportedField[]>();
  // A model block ends at the first `}` in column 0, which is how prisma format lays them out.
  for (const [, model, body] of text.matchAll(/^model\s+(\w+)\s*\{([\s\S]*?)^\}/gm)) {
    if (!model || body === undefined) continue;
    const fields: UnsupportedField[] = [];
    for (const line of body.split('\n')) {
      const m = /^\s*(\w+)\s+Unsupported\(\s*"((?:[^"\\]|\\.)*)"\s*\)(\?|\[\])?(.*)$/.exec(line);
      if (!m?.[1] || m[2] === undefined) continue;
      const attrs = (m[4] ?? '').replace(/\/\/.*$/, '');
      const mapped = /@map\(\s*(?:name\s*:\s*)?"([^"]+)"\s*\)/.exec(attrs)?.[1];
      fields.push({
        name: m[1],
        column: mapped ?? m[1],
        type: m[2],
        required: m[3] !== '?',
      });
    }
    if (fields.length) result.set(model, fields);
  }
  return result;
}

type DatabaseShape = {
  tables: Map<string, Map<string, DbColumn>>;
  enums: Map<string, string[]>;
  /** table → set of columnKey()s of its unique indexes. */
  uniqueIndexes: Map<string, Set<string>>;
};

async function readDatabase(query: QueryFn): Promise<DatabaseShape> {
  // Every value is cast to text so `pg` and PGlite (which parse types differently) agree.
  const columns = await textRows(
    query,
    `SELECT c.relname::text AS "table", a.attname::text AS "column", t.typname::text AS "type",
            format_type(a.atttypid, a.atttypmod) AS "formatted", a.attnotnull::text AS "notNull"
       FROM pg_class c
       JOIN pg_namespace n ON n.oid = c.relnamespace
       LEFT JOIN pg_attribute a ON a.attrelid = c.oid AND a.attnum > 0 AND NOT a.attisdropped
       LEFT JOIN pg_type t ON t.oid = a.atttypid
      WHERE n.nspname = current_schema() AND c.relkind IN ('r', 'p')
        -- a partition is part of its parent's model (e.g. events_p2026_11 of events)
        AND NOT c.relispartition
        -- tables an extension owns (e.g. PostGIS's spatial_ref_sys) are not ours to model
        AND NOT EXISTS (SELECT 1 FROM pg_depend d WHERE d.objid = c.oid AND d.deptype = 'e')
      ORDER BY c.relname, a.attnum`,
    ['table', 'column', 'type', 'formatted', 'notNull'],
  );
  const tables = new Map<string, Map<string, DbColumn>>();
  for (const r of columns) {
    const cols = tables.get(r.table) ?? new Map<string, DbColumn>();
    tables.set(r.table, cols);
    // A table with no columns comes back as one row of NULLs (the LEFT JOIN).
    if (r.column)
      cols.set(r.column, {
        type: r.type,
        formatted: r.formatted,
        notNull: r.notNull === 'true',
      });
  }

  const enumRows = await textRows(
    query,
    `SELECT t.typname::text AS "name", e.enumlabel::text AS "value"
       FROM pg_type t
       JOIN pg_namespace n ON n.oid = t.typnamespace
       JOIN pg_enum e ON e.enumtypid = t.oid
      WHERE n.nspname = current_schema()
      ORDER BY t.typname, e.enumsortorder`,
    ['name', 'value'],
  );
  const enums = new Map<string, string[]>();
  for (const r of enumRows) enums.set(r.name, [...(enums.get(r.name) ?? []), r.value]);

  // Partial and expression indexes don't make a column unique, so they don't count.
  const indexRows = await textRows(
    query,
    `SELECT c.relname::text AS "table",
            (SELECT json_agg(a.attname::text ORDER BY k.ord)
               FROM unnest(i.indkey) WITH ORDINALITY AS k(attnum, ord)
               JOIN pg_attribute a ON a.attrelid = c.oid AND a.attnum = k.attnum)::text AS "columns"
       FROM pg_index i
       JOIN pg_class c ON c.oid = i.indrelid
       JOIN pg_namespace n ON n.oid = c.relnamespace
      WHERE n.nspname = current_schema() AND i.indisunique
        AND i.indpred IS NULL AND i.indexprs IS NULL`,
    ['table', 'columns'],
  );
  const uniqueIndexes = new Map<string, Set<string>>();
  for (const r of indexRows) {
    const cols: unknown = JSON.parse(r.columns);
    if (!Array.isArray(cols) || !cols.every((c): c is string => typeof c === 'string')) continue;
    const set = uniqueIndexes.get(r.table) ?? new Set<string>();
    uniqueIndexes.set(r.table, set);
    set.add(columnKey(cols));
  }
  return { tables, enums, uniqueIndexes };
}

/** Runs a query whose selected columns are all text (or NULL), checking that at runtime. */
async function textRows<K extends string>(query: QueryFn, sql: string, keys: K[]): Promise<Record<K, string>[]> {
  const { rows } = await query(sql);
  return rows.map((row) => {
    if (typeof row !== 'object' || row === null) throw new Error(`schema-drift: unexpected row ${String(row)}`);
    const out = {} as Record<K, string>;
    for (const key of keys) {
      const value: unknown = (row as Record<string, unknown>)[key];
      if (value !== null && typeof value !== 'string') {
        throw new Error(`schema-drift: expected text for ${key}, got ${typeof value}`);
      }
      out[key] = value ?? '';
    }
    return out;
  });
}
