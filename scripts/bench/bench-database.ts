// Where a benchmark runs: BENCH_DATABASE_URL (a scratch database on a real server), else an
// in-memory embedded Postgres. Either way migrated, with the pool size that suits it.
import pg from 'pg';
import { startEmbeddedPostgres } from '@/server/db/embedded';
import { migrate } from '@/server/db/migrate';

export type BenchDatabase = { url: string; embedded: boolean; poolMax: number; stop: () => Promise<void> };

export async function openBenchDatabase(): Promise<BenchDatabase> {
  const server = process.env.BENCH_DATABASE_URL ? undefined : await startEmbeddedPostgres();
  const url = server?.url ?? process.env.BENCH_DATABASE_URL!;
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  await migrate(c);
  await c.end();
  return { url, embedded: Boolean(server), poolMax: server ? 1 : 10, stop: async () => void (await server?.stop()) };
}
