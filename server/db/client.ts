import { PrismaPg } from '@prisma/adapter-pg';
import { PrismaClient, type Prisma } from './generated/client';
import { databaseConfig } from './config';

/** A db handle a service accepts: the client, or the transaction it was called inside. */
export type Db = PrismaClient | Prisma.TransactionClient;

export function createPrismaClient(url: string, poolMax: number): PrismaClient {
  const adapter = new PrismaPg({ connectionString: url, max: poolMax });
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

/** Joins the caller's transaction when there is one, else opens one. */
export function withTx<T>(db: Db, fn: (tx: Prisma.TransactionClient) => Promise<T>): Promise<T> {
  if ('$transaction' in db) return db.$transaction(fn);
  return fn(db);
}
