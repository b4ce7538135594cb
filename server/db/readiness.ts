// Readiness (GET /api/health/ready): may this instance take traffic? The database answers,
// every migration shipped with this build is applied, the embedded runner runs when it
// should, and the process is not shutting down. Liveness (/api/health/live) checks none of it.
import { existsSync, readdirSync } from 'node:fs';
import path from 'node:path';
import type { Db } from './client';

export type Readiness = {
  status: 'ready' | 'not_ready';
  reasons: string[];
  checks: {
    database: { reachable: boolean; latencyMs: number | null };
    migrations: { applied: number; pending: string[] | null };
    runner: { expected: boolean; running: boolean };
    shuttingDown: boolean;
  };
};

export type ReadinessInput = {
  db: Db;
  /** prisma/migrations of this build; null when not shipped (the check is then skipped). */
  migrationsDir?: string | null;
  runner: { expected: boolean; running: boolean };
  shuttingDown: boolean;
};

export function shippedMigrations(dir: string | null | undefined): string[] | null {
  if (!dir || !existsSync(dir)) return null;
  return readdirSync(dir, { withFileTypes: true })
    .filter((d) => d.isDirectory() && existsSync(path.join(dir, d.name, 'migration.sql')))
    .map((d) => d.name)
    .sort();
}

export async function checkReadiness(input: ReadinessInput): Promise<Readiness> {
  const reasons: string[] = [];
  const checks: Readiness['checks'] = {
    database: { reachable: false, latencyMs: null },
    migrations: { applied: 0, pending: null },
    runner: input.runner,
    shuttingDown: input.shuttingDown,
  };
  if (input.shuttingDown) reasons.push('shutting down');
  const started = performance.now();
  try {
    const applied = await input.db.$queryRawUnsafe<{ name: string }[]>(
      `SELECT migration_name AS name FROM "_prisma_migrations" WHERE finished_at IS NOT NULL AND rolled_back_at IS NULL`,
    );
    checks.database = { reachable: true, latencyMs: Math.round((performance.now() - started) * 10) / 10 };
    const names = new Set(applied.map((r) => r.name));
    checks.migrations.applied = names.size;
    const shipped = shippedMigrations(input.migrationsDir);
    if (shipped) {
      checks.migrations.pending = shipped.filter((m) => !names.has(m));
      if (checks.migrations.pending.length) reasons.push(`${checks.migrations.pending.length} migration(s) not applied: ${checks.migrations.pending.join(', ')}`);
    }
  } catch (err) {
    const message = (err as Error).message.split('\n')[0] ?? 'error';
    // A reachable database without the migrations table has never been migrated.
    if (/_prisma_migrations/.test(message) && /does not exist/.test(message)) {
      checks.database = { reachable: true, latencyMs: Math.round((performance.now() - started) * 10) / 10 };
      reasons.push('database was never migrated (run npm run db:migrate)');
    } else reasons.push(`database unreachable: ${message}`);
  }
  if (input.runner.expected && !input.runner.running) reasons.push('embedded runner not running');
  return { status: reasons.length ? 'not_ready' : 'ready', reasons, checks };
}
