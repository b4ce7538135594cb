// Integration tests for the migration runner against a real database: embedded PGlite by
// default, or a scratch database on TEST_DATABASE_URL's server (as CI runs). One database
// per file, wiped between tests by dropping the public schema (extensions and
// _prisma_migrations live there, so nothing survives) — far cheaper than a new PGlite each time.
import { createHash } from 'node:crypto';
import { cp, mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { ulid } from 'ulid';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startEmbeddedPostgres } from './embedded';
import { DEFAULT_MIGRATIONS_DIR, migrate, MigrationError, readMigrations } from './migrate';
import { currentMigration, viaPg } from './migration-status';

const serverUrl = process.env.TEST_DATABASE_URL;

type Backend = { url: string; stop: () => Promise<void> };

async function startBackend(): Promise<Backend> {
  if (!serverUrl) {
    const server = await startEmbeddedPostgres();
    return { url: server.url, stop: server.stop };
  }
  const name = `migrate_test_${ulid().toLowerCase()}`;
  const admin = async (sql: string) => {
    const c = new pg.Client({ connectionString: serverUrl });
    await c.connect();
    await c.query(sql).finally(() => c.end());
  };
  await admin(`CREATE DATABASE "${name}"`);
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    stop: () => admin(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`),
  };
}

type MigrationRow = {
  id: string;
  migration_name: string;
  checksum: string;
  finished_at: Date | null;
  rolled_back_at: Date | null;
  applied_steps_count: number;
};

describe('migrate', () => {
  let backend: Backend;
  // The only connection: PGlite's socket server is not safe with two clients at once.
  let client: pg.Client;
  const tmpDirs: string[] = [];

  beforeAll(async () => {
    backend = await startBackend();
    client = new pg.Client({ connectionString: backend.url });
    await client.connect();
  });
  afterAll(async () => {
    await client?.end();
    await backend?.stop();
    await Promise.all(tmpDirs.map((d) => rm(d, { recursive: true, force: true })));
  });
  beforeEach(async () => {
    await client.query('DROP SCHEMA public CASCADE; CREATE SCHEMA public;');
  });

  /** A private copy of the real migrations, so tests can add and edit files. */
  async function copyMigrations(): Promise<string> {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'migrations-'));
    tmpDirs.push(dir);
    await cp(DEFAULT_MIGRATIONS_DIR, dir, { recursive: true });
    return dir;
  }
  async function addMigration(dir: string, name: string, sql: string): Promise<void> {
    await mkdir(path.join(dir, name));
    await writeFile(path.join(dir, name, 'migration.sql'), sql);
  }
  async function rows(): Promise<MigrationRow[]> {
    const res = await client.query<MigrationRow>(
      `SELECT id, migration_name, checksum, finished_at, rolled_back_at, applied_steps_count
         FROM "_prisma_migrations" ORDER BY started_at, migration_name`,
    );
    return res.rows;
  }
  async function tableExists(name: string): Promise<boolean> {
    const res = await client.query<{ exists: boolean }>('SELECT to_regclass($1) IS NOT NULL AS exists', [name]);
    return res.rows[0]?.exists === true;
  }
  /** A failed run must not keep the advisory lock, or every later deploy would hang. */
  async function advisoryLocksHeld(): Promise<number> {
    const res = await client.query<{ n: number }>(
      "SELECT count(*)::int AS n FROM pg_locks WHERE locktype = 'advisory' AND pid = pg_backend_pid()",
    );
    return res.rows[0]?.n ?? -1;
  }

  it('applies every migration to an empty database and records each as Prisma does', async () => {
    const names = readMigrations().map((m) => m.name);
    expect(names.length).toBeGreaterThan(0);

    const result = await migrate(client);

    expect(result).toEqual({
      applied: names,
      alreadyApplied: 0,
      latest: names.at(-1),
    });
    const recorded = await rows();
    expect(recorded.map((r) => r.migration_name)).toEqual(names);
    for (const row of recorded) {
      // Prisma's checksum is the sha256 of the file's bytes; computed independently here.
      const file = await readFile(path.join(DEFAULT_MIGRATIONS_DIR, row.migration_name, 'migration.sql'));
      expect(row.checksum).toBe(createHash('sha256').update(file).digest('hex'));
      expect(row.id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
      expect(row.finished_at).toBeInstanceOf(Date);
      expect(row.rolled_back_at).toBeNull();
      expect(row.applied_steps_count).toBe(1);
    }
    expect(new Set(recorded.map((r) => r.id)).size).toBe(names.length);
    expect(await tableExists('products')).toBe(true);
    expect(await tableExists('product_variants')).toBe(true);
    expect(await tableExists('seed_runs')).toBe(true);
  });

  it('applies nothing on a second run', async () => {
    const dir = await copyMigrations();
    const names = readMigrations(dir).map((m) => m.name);
    await migrate(client, dir);
    const before = await rows();

    expect(await migrate(client, dir)).toEqual({
      applied: [],
      alreadyApplied: names.length,
      latest: names.at(-1),
    });
    expect(await rows()).toEqual(before);
  });

  it('applies only a migration added later', async () => {
    const dir = await copyMigrations();
    const count = readMigrations(dir).length;
    await migrate(client, dir);
    await addMigration(dir, '29990101000000_widgets', 'CREATE TABLE widgets (id text PRIMARY KEY);');

    const result = await migrate(client, dir);

    expect(result).toEqual({
      applied: ['29990101000000_widgets'],
      alreadyApplied: count,
      latest: '29990101000000_widgets',
    });
    expect(await tableExists('widgets')).toBe(true);
    const recorded = await rows();
    expect(recorded).toHaveLength(count + 1);
    expect(recorded.at(-1)).toMatchObject({
      migration_name: '29990101000000_widgets',
      applied_steps_count: 1,
    });
  });

  it('refuses to run when an applied migration file was edited, applying nothing', async () => {
    const dir = await copyMigrations();
    const first = readMigrations(dir)[0]!.name;
    await migrate(client, dir);
    const before = await rows();
    const file = path.join(dir, first, 'migration.sql');
    await writeFile(file, `${await readFile(file, 'utf8')}\n-- an innocent-looking edit\n`);
    await addMigration(dir, '29990101000000_widgets', 'CREATE TABLE widgets (id text PRIMARY KEY);');

    const error = await migrate(client, dir).catch((e: unknown) => e);

    expect(error).toBeInstanceOf(MigrationError);
    expect(error).toMatchObject({
      migration: first,
      message: expect.stringContaining(`${first} was edited`),
    });
    expect(await tableExists('widgets')).toBe(false);
    expect(await rows()).toEqual(before);
    expect(await advisoryLocksHeld()).toBe(0);
  });

  it('rolls a failing migration back completely and can apply it once fixed', async () => {
    const dir = await copyMigrations();
    const count = readMigrations(dir).length;
    // The error must come at execution, not parsing: Postgres parses a whole multi-statement
    // string before running any of it, so a syntax error would prove nothing about rollback.
    const broken = [
      'CREATE TABLE broken_a (id int);',
      'INSERT INTO broken_a VALUES (1);',
      'ALTER TABLE products ADD COLUMN broken_col text;',
      'SELECT * FROM no_such_table;',
    ].join('\n');
    await addMigration(dir, '29990101000000_broken', broken);

    const error = await migrate(client, dir).catch((e: unknown) => e);

    expect(error).toBeInstanceOf(MigrationError);
    expect(error).toMatchObject({
      migration: '29990101000000_broken',
      message: expect.stringMatching(/29990101000000_broken failed: .*no_such_table/),
    });
    // Earlier migrations committed in their own transactions; the broken one left nothing.
    expect((await rows()).map((r) => r.migration_name)).toEqual(
      readMigrations(dir)
        .slice(0, count)
        .map((m) => m.name),
    );
    expect(await tableExists('broken_a')).toBe(false);
    const cols = await client.query("SELECT 1 FROM information_schema.columns WHERE column_name = 'broken_col'");
    expect(cols.rowCount).toBe(0);
    expect(await advisoryLocksHeld()).toBe(0);

    await writeFile(path.join(dir, '29990101000000_broken', 'migration.sql'), broken.replace(/^SELECT.*$/m, ''));
    expect((await migrate(client, dir)).applied).toEqual(['29990101000000_broken']);
    expect(await tableExists('broken_a')).toBe(true);
  });

  it('refuses to run after a half-finished migration until it is marked rolled back', async () => {
    const dir = await copyMigrations();
    await migrate(client, dir);
    await addMigration(dir, '29990101000000_widgets', 'CREATE TABLE widgets (id text PRIMARY KEY);');
    // What a crashed `prisma migrate deploy` leaves behind: started, never finished.
    await client.query(
      `INSERT INTO "_prisma_migrations" (id, checksum, migration_name, started_at, applied_steps_count)
       VALUES (gen_random_uuid()::text, $1, '29990101000000_widgets', now(), 0)`,
      ['0'.repeat(64)],
    );

    const error = await migrate(client, dir).catch((e: unknown) => e);

    expect(error).toBeInstanceOf(MigrationError);
    expect(error).toMatchObject({
      migration: '29990101000000_widgets',
      message: expect.stringContaining('did not finish'),
    });
    expect(await tableExists('widgets')).toBe(false);
    expect(await advisoryLocksHeld()).toBe(0);

    // `prisma migrate resolve --rolled-back` sets rolled_back_at; the runner then retries it.
    await client.query(`UPDATE "_prisma_migrations" SET rolled_back_at = now() WHERE finished_at IS NULL`);
    expect((await migrate(client, dir)).applied).toEqual(['29990101000000_widgets']);
    expect(await tableExists('widgets')).toBe(true);
    const widgetRows = (await rows()).filter((r) => r.migration_name === '29990101000000_widgets');
    expect(widgetRows.map((r) => [r.rolled_back_at !== null, r.finished_at !== null])).toEqual([
      [true, false],
      [false, true],
    ]);
  });

  it('currentMigration returns the newest finished migration', async () => {
    expect(await currentMigration(viaPg(client))).toBeNull(); // never migrated: no table yet
    const dir = await copyMigrations();
    await migrate(client, dir);
    expect(await currentMigration(viaPg(client))).toBe(readMigrations(dir).at(-1)?.name);

    await addMigration(dir, '29990101000000_widgets', 'CREATE TABLE widgets (id text PRIMARY KEY);');
    await migrate(client, dir);
    expect(await currentMigration(viaPg(client))).toBe('29990101000000_widgets');

    // Unfinished and rolled-back rows are not the schema's version, whatever their names.
    await client.query(
      `INSERT INTO "_prisma_migrations" (id, checksum, migration_name, started_at, finished_at, rolled_back_at)
       VALUES (gen_random_uuid()::text, $1, '29990102000000_unfinished', now(), NULL, NULL),
              (gen_random_uuid()::text, $1, '29990103000000_rolled_back', now(), now(), now())`,
      ['0'.repeat(64)],
    );
    expect(await currentMigration(viaPg(client))).toBe('29990101000000_widgets');
  });

  // Only a real server can hold two connections; PGlite serves one backend.
  it.skipIf(!serverUrl)('serialises concurrent runs with the advisory lock', async () => {
    const dir = await copyMigrations();
    const count = readMigrations(dir).length;
    const other = new pg.Client({ connectionString: backend.url });
    await other.connect();
    try {
      const results = await Promise.all([migrate(client, dir), migrate(other, dir)]);
      expect(results.map((r) => r.applied.length).sort()).toEqual([0, count]);
      expect(await rows()).toHaveLength(count);
    } finally {
      await other.end();
    }
  });
});
