import type { PrismaClient } from './generated/client';
import { databaseConfig } from './config';

export type Health = {
  status: 'ok' | 'degraded';
  database: { reachable: boolean; mode: 'embedded' | 'external'; migration: string | null; latencyMs: number | null; error?: string };
};

export async function checkHealth(db: PrismaClient): Promise<Health> {
  const mode = databaseConfig().embedded ? 'embedded' : 'external';
  const started = performance.now();
  try {
    const rows = await db.$queryRaw<{ migration_name: string }[]>`
      SELECT migration_name FROM "_prisma_migrations"
      WHERE finished_at IS NOT NULL AND rolled_back_at IS NULL
      ORDER BY migration_name DESC LIMIT 1`;
    const latencyMs = Math.round((performance.now() - started) * 10) / 10;
    return { status: 'ok', database: { reachable: true, mode, migration: rows[0]?.migration_name ?? null, latencyMs } };
  } catch (err) {
    return {
      status: 'degraded',
      database: { reachable: false, mode, migration: null, latencyMs: null, error: (err as Error).message.split('\n')[0] },
    };
  }
}
