// Read-only view of the migration table, for /api/health and the console. Kept apart from
// migrate.ts, which reads migration files from disk and has no business in the web bundle.
import type { ClientBase } from 'pg';

/** Runs one SQL statement and returns its rows; adapts a pg client or Prisma. */
export type RunSql = (sql: string) => Promise<unknown[]>;
export const viaPg = (client: Pick<ClientBase, 'query'>): RunSql => async (sql) => (await client.query(sql)).rows;

/** The newest applied migration, or null on a database that was never migrated. */
export async function currentMigration(run: RunSql): Promise<string | null> {
  const [table] = (await run(`SELECT to_regclass('"_prisma_migrations"')::text AS t`)) as { t: string | null }[];
  if (!table?.t) return null;
  const [row] = (await run(
    `SELECT migration_name FROM "_prisma_migrations"
     WHERE finished_at IS NOT NULL AND rolled_back_at IS NULL
     ORDER BY migration_name DESC LIMIT 1`,
  )) as { migration_name: string }[];
  return row?.migration_name ?? null;
}
