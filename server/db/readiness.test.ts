import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createPrismaClient } from './client';
import { DEFAULT_MIGRATIONS_DIR } from './migrate';
import { checkReadiness, shippedMigrations } from './readiness';
import { useTestDatabase } from './testing';

const getDb = useTestDatabase();
const ok = { expected: true, running: true };

describe('readiness', () => {
  it('is ready on a migrated database with the runner running', async () => {
    const r = await checkReadiness({ db: getDb().prisma, migrationsDir: DEFAULT_MIGRATIONS_DIR, runner: ok, shuttingDown: false });
    expect(r.status).toBe('ready');
    expect(r.reasons).toEqual([]);
    expect(r.checks.migrations.applied).toBe(shippedMigrations(DEFAULT_MIGRATIONS_DIR)!.length);
    expect(r.checks.migrations.pending).toEqual([]);
  });

  it('names each reason it is not ready: pending migration, runner stopped, shutting down', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'migrations-'));
    mkdirSync(path.join(dir, '29990101000000_future'));
    writeFileSync(path.join(dir, '29990101000000_future', 'migration.sql'), 'SELECT 1;');
    const r = await checkReadiness({ db: getDb().prisma, migrationsDir: dir, runner: { expected: true, running: false }, shuttingDown: true });
    expect(r.status).toBe('not_ready');
    expect(r.reasons).toEqual(['shutting down', '1 migration(s) not applied: 29990101000000_future', 'embedded runner not running']);
  });

  const dead = createPrismaClient('postgres://nobody:x@127.0.0.1:1/none', 1);
  afterAll(() => dead.$disconnect());
  it('reports an unreachable database', async () => {
    const r = await checkReadiness({ db: dead, migrationsDir: null, runner: { expected: false, running: false }, shuttingDown: false });
    expect(r.status).toBe('not_ready');
    expect(r.checks.database.reachable).toBe(false);
    expect(r.reasons[0]).toMatch(/^database unreachable/);
  });
});
