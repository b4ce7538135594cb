// Applies prisma/migrations/*/migration.sql in order, recording them in
// `_prisma_migrations` exactly as Prisma Migrate does, so `prisma migrate deploy` on a
// machine with Prisma's engines sees them as applied. See docs/decisions/002-migrations.md.
import { createHash, randomUUID } from 'node:crypto';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import type { ClientBase } from 'pg';

/** Prisma Migrate's own advisory-lock key, so our runner and `migrate deploy` exclude each other. */
const MIGRATION_LOCK_KEY = 72707369;

export const DEFAULT_MIGRATIONS_DIR = path.resolve(import.meta.dirname, '../../prisma/migrations');

export type MigrationFile = { name: string; sql: string; checksum: string };
export type MigrationResult = { applied: string[]; alreadyApplied: number; latest: string | null };

export class MigrationError extends Error {
  constructor(
    message: string,
    readonly migration?: string,
  ) {
    super(message);
    this.name = 'MigrationError';
  }
}

export function checksum(sql: string | Buffer): string {
  return createHash('sha256').update(sql).digest('hex');
}

export function readMigrations(dir = DEFAULT_MIGRATIONS_DIR): MigrationFile[] {
  return readdirSync(dir, { withFileTypes: true })
    .filter((d) => d.isDirectory() && existsSync(path.join(dir, d.name, 'migration.sql')))
    .map((d) => d.name)
    .sort()
    .map((name) => {
      const raw = readFileSync(path.join(dir, name, 'migration.sql'));
      return { name, sql: raw.toString('utf8'), checksum: checksum(raw) };
    });
}

const CREATE_TABLE = `CREATE TABLE IF NOT EXISTS "_prisma_migrations" (
  "id" VARCHAR(36) PRIMARY KEY NOT NULL,
  "checksum" VARCHAR(64) NOT NULL,
  "finished_at" TIMESTAMPTZ,
  "migration_name" VARCHAR(255) NOT NULL,
  "logs" TEXT,
  "rolled_back_at" TIMESTAMPTZ,
  "started_at" TIMESTAMPTZ NOT NULL DEFAULT now(),
  "applied_steps_count" INTEGER NOT NULL DEFAULT 0
)`;

type AppliedRow = {
  migration_name: string;
  checksum: string;
  finished_at: Date | null;
  rolled_back_at: Date | null;
};

/**
 * Applies pending migrations, each in its own transaction, under Prisma's advisory lock.
 * Refuses to run when an applied migration's file was edited (checksum) or when an earlier
 * run failed half-way (as `prisma migrate deploy` does).
 */
export async function migrate(client: ClientBase, dir = DEFAULT_MIGRATIONS_DIR): Promise<MigrationResult> {
  const files = readMigrations(dir);
  await client.query('SELECT pg_advisory_lock($1)', [MIGRATION_LOCK_KEY]);
  try {
    await client.query(CREATE_TABLE);
    const { rows } = await client.query<AppliedRow>(
      'SELECT migration_name, checksum, finished_at, rolled_back_at FROM "_prisma_migrations" ORDER BY started_at',
    );
    const applied = new Map<string, AppliedRow>();
    for (const row of rows) {
      if (row.rolled_back_at) continue;
      if (!row.finished_at) {
        throw new MigrationError(
          `Migration ${row.migration_name} started but did not finish; resolve it before applying more.`,
          row.migration_name,
        );
      }
      applied.set(row.migration_name, row);
    }
    for (const file of files) {
      const row = applied.get(file.name);
      if (row && row.checksum !== file.checksum) {
        throw new MigrationError(
          `Migration ${file.name} was edited after it was applied (checksum ${row.checksum.slice(0, 12)}… ≠ ${file.checksum.slice(0, 12)}…). Add a new migration instead.`,
          file.name,
        );
      }
    }
    const pending = files.filter((f) => !applied.has(f.name));
    for (const file of pending) await applyOne(client, file);
    const all = [...applied.keys(), ...pending.map((p) => p.name)].sort();
    return { applied: pending.map((p) => p.name), alreadyApplied: applied.size, latest: all.at(-1) ?? null };
  } finally {
    await client.query('SELECT pg_advisory_unlock($1)', [MIGRATION_LOCK_KEY]);
  }
}

async function applyOne(client: ClientBase, file: MigrationFile): Promise<void> {
  const id = randomUUID();
  await client.query('BEGIN');
  try {
    await client.query(
      `INSERT INTO "_prisma_migrations" (id, checksum, migration_name, started_at, applied_steps_count)
       VALUES ($1, $2, $3, now(), 0)`,
      [id, file.checksum, file.name],
    );
    await client.query(file.sql);
    await client.query(
      `UPDATE "_prisma_migrations" SET finished_at = now(), applied_steps_count = 1 WHERE id = $1`,
      [id],
    );
    await client.query('COMMIT');
  } catch (err) {
    // The migration's DDL and its bookkeeping row roll back together: nothing half-written.
    // If the connection died, ROLLBACK fails too; the migration's own error is the one to report.
    await client.query('ROLLBACK').catch(() => undefined);
    throw new MigrationError(`Migration ${file.name} failed: ${(err as Error).message}`, file.name);
  }
}
