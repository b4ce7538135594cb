import { AsyncLocalStorage } from 'node:async_hooks';
import { PrismaPg } from '@prisma/adapter-pg';
import pg from 'pg';
import { PrismaClient, type Prisma } from './generated/client';
import { databaseConfig } from './config';
import { registerHotPool } from './hot-sql';

/** A db handle a service accepts: the client, or the transaction it was called inside. */
export type Db = PrismaClient | Prisma.TransactionClient;

/**
 * Settings every session starts with (a startup parameter, so no extra round trip).
 * pgvector 0.8's iterative index scan keeps reading the HNSW graph until enough rows pass a
 * query's filters, so filtered kNN keeps its recall; typo matching on titles accepts a word
 * similarity of 0.5 (pg_trgm's default is 0.6). The embedded server has one backend
 * session and applies the same settings itself (server/db/embedded.ts).
 */
export const SESSION_OPTIONS = '-c hnsw.iterative_scan=relaxed_order -c hnsw.ef_search=100 -c pg_trgm.word_similarity_threshold=0.5';

export function createPrismaClient(url: string, poolMax: number): PrismaClient {
  // The pool is ours (not the adapter's), so the checkout hot path can send its statements
  // to it directly (server/db/hot-sql.ts); $disconnect still ends it.
  const pool = new pg.Pool({ connectionString: url, max: poolMax, options: SESSION_OPTIONS });
  pool.on('error', () => undefined); // an idle connection that died: the pool replaces it
  const adapter = new PrismaPg(pool, { disposeExternalPool: true });
  const client = new PrismaClient({ adapter });
  registerHotPool(client, pool);
  return client;
}

const globalForPrisma = globalThis as unknown as { prisma?: PrismaClient };

/** The app's shared client (one per process; survives Next's dev hot reloads). */
export function getDb(): PrismaClient {
  if (!globalForPrisma.prisma) {
    const config = databaseConfig();
    globalForPrisma.prisma = createPrismaClient(config.url, config.poolMax);
  }
  return globalForPrisma.prisma;
}

/**
 * Joins the caller's transaction when there is one, else opens one. Prisma's default 5 s
 * limit is too tight for bulk writes on a busy 2-core machine; callers on a shopper's path
 * pass a shorter one.
 */
export function withTx<T>(
  db: Db,
  fn: (tx: Prisma.TransactionClient) => Promise<T>,
  opts: { timeoutMs?: number } = {},
): Promise<T> {
  if ('$transaction' in db)
    return db.$transaction((tx) => runInTransaction(tx, () => fn(tx)), { timeout: opts.timeoutMs ?? 30_000, maxWait: 10_000 });
  return fn(db);
}

// The transaction a piece of code runs inside, for writes that must commit (or roll back)
// with it: embedded event sends (inngest/runner/event-store.ts) join it. Besides atomicity,
// this matters on the embedded database, which has one connection: a send on another
// client inside a transaction would wait for that connection until the transaction timed out.
type Ambient = { tx: Prisma.TransactionClient; open: boolean };
const ambientStore = ((globalThis as unknown as { __ambientTx?: AsyncLocalStorage<Ambient> }).__ambientTx ??=
  new AsyncLocalStorage<Ambient>());

/** Runs `fn` with `tx` as the ambient transaction; closed when `fn` settles (late timers see none). */
export async function runInTransaction<T>(tx: Prisma.TransactionClient, fn: () => Promise<T>): Promise<T> {
  const ambient: Ambient = { tx, open: true };
  try {
    return await ambientStore.run(ambient, fn);
  } finally {
    ambient.open = false;
  }
}

/** The open transaction the caller runs inside (withTx), if any. */
export function ambientTransaction(): Prisma.TransactionClient | undefined {
  const ambient = ambientStore.getStore();
  return ambient?.open ? ambient.tx : undefined;
}
