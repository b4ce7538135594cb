// The checkout hot path's statements, sent straight to the pg pool the Prisma client's
// adapter runs on (ADR 025). Prisma costs ~1.5 ms of Node CPU per statement, raw ones too
// (its request pipeline, not the SQL); pg alone ~0.4 ms. At ~20 statements per order that
// difference was a third of an order's CPU. Statements are named (prepared once per
// connection: Postgres parses and plans them once, not per order). On a transaction client,
// or a client made elsewhere, the same SQL goes through Prisma ($queryRawUnsafe), so callers
// write one statement for both: explicit casts on every parameter, ::int / ::float8 on
// every number read back (pg returns int8 and numeric as strings, Prisma as BigInt/Decimal).
import { createHash } from 'node:crypto';
import pg from 'pg';
import type { Db } from './client';

const pools = new WeakMap<object, pg.Pool>();

/** Remembers the pool under a root client (server/db/client.ts). */
export function registerHotPool(client: object, pool: pg.Pool): void {
  pools.set(client, pool);
}

export type HotStatement = { name: string; text: string; values: unknown[] };

const names = new Map<string, string>();
function statementName(text: string): string {
  let name = names.get(text);
  if (!name) {
    name = `hot_${createHash('sha1').update(text).digest('hex').slice(0, 16)}`;
    names.set(text, name);
  }
  return name;
}

/**
 * A tagged template like Prisma's $queryRaw: every interpolation becomes a $n parameter.
 * Dates are sent as UTC ISO strings (pg would format them in the process's time zone).
 */
export function hotSql(strings: TemplateStringsArray, ...values: unknown[]): HotStatement {
  let text = strings[0]!;
  for (let i = 1; i < strings.length; i++) text += `$${i}${strings[i]}`;
  return { name: statementName(text), text, values: values.map((v) => (v instanceof Date ? v.toISOString() : v)) };
}

/** A statement written with $n placeholders. */
export function hotStatement(text: string, values: unknown[]): HotStatement {
  return { name: statementName(text), text, values: values.map((v) => (v instanceof Date ? v.toISOString() : v)) };
}

/** The pool a statement can go to directly: a root client's own, while it is open. */
function poolOf(db: Db): pg.Pool | null {
  const pool = pools.get(db);
  return pool && !pool.ending && !pool.ended ? pool : null;
}

// Statement names carry their pool's number: the embedded database serves every connection
// from one backend session (ADR 001), so two clients in one process (tests, tools) would
// otherwise prepare the same name twice there.
const poolNumbers = new WeakMap<pg.Pool, string>();
let poolCount = 0;
function prefixOf(pool: pg.Pool): string {
  let prefix = poolNumbers.get(pool);
  if (!prefix) poolNumbers.set(pool, (prefix = `p${++poolCount}_`));
  return prefix;
}

/** A session that already has the name (another process on the embedded database): sent unnamed. */
const DUPLICATE_PREPARED = '42P05';
async function poolQuery<T extends pg.QueryResultRow>(pool: pg.Pool, q: HotStatement): Promise<pg.QueryResult<T>> {
  try {
    return await pool.query<T>({ name: prefixOf(pool) + q.name, text: q.text, values: q.values });
  } catch (err) {
    if ((err as { code?: string }).code !== DUPLICATE_PREPARED) throw err;
    return pool.query<T>({ text: q.text, values: q.values });
  }
}

/** Whether statements on `db` go straight to a pool (a root client), not through Prisma. */
export function hasHotPool(db: Db): boolean {
  return poolOf(db) !== null;
}

/** Runs one statement; rows back. */
export async function hotQuery<T>(db: Db, q: HotStatement): Promise<T[]> {
  const pool = poolOf(db);
  if (pool) return (await poolQuery<T & pg.QueryResultRow>(pool, q)).rows;
  return db.$queryRawUnsafe<T[]>(q.text, ...q.values);
}

/** Runs one statement; the number of rows it changed. */
export async function hotExecute(db: Db, q: HotStatement): Promise<number> {
  const pool = poolOf(db);
  if (pool) return (await poolQuery(pool, q)).rowCount ?? 0;
  return db.$executeRawUnsafe(q.text, ...q.values);
}
