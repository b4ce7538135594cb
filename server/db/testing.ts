// Test databases: every test file gets its own database, so no test depends on another's
// data. With TEST_DATABASE_URL (a real server; CI) each file clones a migrated template
// database; without it each file gets its own in-memory embedded Postgres.
import pg from 'pg';
import { ulid } from 'ulid';
import { afterAll, beforeAll } from 'vitest';
import { createPrismaClient } from './client';
import { startEmbeddedPostgres } from './embedded';
import { migrate } from './migrate';
import type { PrismaClient } from './generated/client';


export type TestDatabase = {
  url: string;
  prisma: PrismaClient;
  /** Runs one raw SQL statement beside Prisma (a short-lived connection, or PGlite's own API when embedded). */
  query: <R extends pg.QueryResultRow>(sql: string, params?: unknown[]) => Promise<pg.QueryResult<R>>;
  embedded: boolean;
  close: () => Promise<void>;
};

function withDatabase(url: string, database: string): string {
  const u = new URL(url);
  u.pathname = `/${database}`;
  return u.toString();
}

export async function createTestDatabase(): Promise<TestDatabase> {
  const adminUrl = process.env.TEST_DATABASE_URL;
  if (adminUrl) {
    const name = `test_${ulid().toLowerCase()}`;
    const admin = new pg.Client({ connectionString: adminUrl });
    await admin.connect();
    const template = process.env.TEST_TEMPLATE_DB;
    if (!template) throw new Error('TEST_TEMPLATE_DB is not set: run tests through vitest (vitest.global-setup.ts)');
    await admin.query(`CREATE DATABASE "${name}" TEMPLATE "${template}"`);
    await admin.end();
    const url = withDatabase(adminUrl, name);
    const prisma = createPrismaClient(url, 4);
    return {
      url,
      prisma,
      embedded: false,
      query: (sql, params) => runOnce(url, sql, params),
      close: async () => {
        await prisma.$disconnect();
        const a = new pg.Client({ connectionString: adminUrl });
        await a.connect();
        await a.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
        await a.end();
      },
    };
  }
  const server = await startEmbeddedPostgres();
  const client = new pg.Client({ connectionString: server.url });
  try {
    await client.connect();
    await migrate(client);
    await client.end();
  } catch (err) {
    await server.stop();
    throw err;
  }
  const prisma = createPrismaClient(server.url, 1);
  return {
    url: server.url,
    prisma,
    embedded: true,
    // Through PGlite's own API: a second socket connection would interleave with Prisma's.
    query: async (sql, params) => {
      const res = await server.db.query(sql, params as unknown[]);
      // PGlite reports affectedRows 0 for SELECT; pg's rowCount counts the rows returned.
      return { rows: res.rows, rowCount: Math.max(res.rows.length, res.affectedRows ?? 0) } as never;
    },
    close: async () => {
      await prisma.$disconnect();
      await server.stop();
    },
  };
}

async function runOnce<R extends pg.QueryResultRow>(url: string, sql: string, params?: unknown[]) {
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  try {
    return await c.query<R>(sql, params);
  } finally {
    await c.end();
  }
}

/** Registers hooks that give the calling test file a fresh, migrated database. */
export function useTestDatabase(): () => TestDatabase {
  let db: TestDatabase | undefined;
  beforeAll(async () => {
    db = await createTestDatabase();
  });
  afterAll(async () => {
    await db?.close();
  });
  return () => {
    if (!db) throw new Error('test database not ready: call inside a test or hook');
    return db;
  };
}
