// Embedded Postgres: PGlite (Postgres compiled to WASM) with the extensions the app
// needs, served over the Postgres wire protocol so the app talks to it through `pg`
// exactly as it would to a real server. See docs/decisions/001-embedded-postgres.md.
import { PGlite } from '@electric-sql/pglite';
import { fuzzystrmatch } from '@electric-sql/pglite/contrib/fuzzystrmatch';
import { pg_trgm } from '@electric-sql/pglite/contrib/pg_trgm';
import { unaccent } from '@electric-sql/pglite/contrib/unaccent';
import { vector } from '@electric-sql/pglite-pgvector';
import { PGLiteSocketServer } from '@electric-sql/pglite-socket';
import { mkdirSync } from 'node:fs';

export type EmbeddedPostgres = {
  /** postgres:// URL for `pg` / Prisma; sslmode=disable because pglite-socket has no TLS. */
  url: string;
  port: number;
  db: PGlite;
  stop: () => Promise<void>;
};

export type EmbeddedOptions = {
  /** Directory for the data files; omit for an in-memory database (tests). */
  dataDir?: string;
  /** 0 picks a free port. */
  port?: number;
  host?: string;
};

export async function startEmbeddedPostgres(opts: EmbeddedOptions = {}): Promise<EmbeddedPostgres> {
  if (opts.dataDir) mkdirSync(opts.dataDir, { recursive: true });
  const db = await PGlite.create({
    dataDir: opts.dataDir,
    extensions: { vector, pg_trgm, unaccent, fuzzystrmatch },
  });
  // One backend session serves every client, so session settings set here apply to all
  // (the same ones server/db/client.ts sends as startup options to a real server).
  for (const sql of [
    `SET hnsw.iterative_scan = 'relaxed_order'`,
    `SET hnsw.ef_search = 100`,
    `SET pg_trgm.word_similarity_threshold = 0.5`,
  ]) {
    await db.exec(sql);
  }
  const host = opts.host ?? '127.0.0.1';
  // pglite-socket multiplexes every connection onto one backend message by message; two
  // clients interleaving extended-protocol messages corrupt each other's unnamed
  // statements. The app therefore uses a pool of one (server/db/client.ts); the
  // headroom here is for an operator's psql while the app runs.
  const server = new PGLiteSocketServer({ db, port: opts.port ?? 0, host, maxConnections: 4 });
  await server.start();
  const port = Number(server.getServerConn().split(':').pop());
  return {
    url: `postgres://postgres:postgres@${host}:${port}/postgres?sslmode=disable`,
    port,
    db,
    stop: async () => {
      await server.stop();
      await db.close();
    },
  };
}
