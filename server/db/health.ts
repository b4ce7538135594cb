import type { PrismaClient } from './generated/client';
import { databaseConfig } from './config';
import { currentMigration } from './migration-status';

export type Health = {
  status: 'ok' | 'degraded';
  database: { reachable: boolean; mode: 'embedded' | 'external'; migration: string | null; latencyMs: number | null; error?: string };
};

export async function checkHealth(db: PrismaClient): Promise<Health> {
  const mode = databaseConfig().embedded ? 'embedded' : 'external';
  const started = performance.now();
  try {
    const migration = await currentMigration((sql) => db.$queryRawUnsafe(sql));
    const latencyMs = Math.round((performance.now() - started) * 10) / 10;
    return { status: 'ok', database: { reachable: true, mode, migration, latencyMs } };
  } catch (err) {
    return {
      status: 'degraded',
      database: { reachable: false, mode, migration: null, latencyMs: null, error: (err as Error).message.split('\n')[0] },
    };
  }
}
