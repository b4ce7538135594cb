import { PrismaPg } from '@prisma/adapter-pg';
import { PrismaClient, type Prisma } from './generated/client';
import { databaseConfig } from './config';

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
  const adapter = new PrismaPg({ connectionString: url, max: poolMax, options: SESSION_OPTIONS });
  return new PrismaClient({ adapter });
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
  if ('$transaction' in db) return db.$transaction(fn, { timeout: opts.timeoutMs ?? 30_000, maxWait: 10_000 });
  return fn(db);
}
