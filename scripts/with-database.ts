// Gives a one-off script a database URL: DATABASE_URL if set, else the embedded data dir
// (refusing while `npm start` holds it, since two PGlite processes must not share it).
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { startEmbeddedPostgres } from '@/server/db/embedded';

export async function withDatabase<T>(fn: (url: string) => Promise<T>): Promise<T> {
  if (existsSync('.env')) process.loadEnvFile('.env');
  if (process.env.DATABASE_URL) return fn(process.env.DATABASE_URL);
  const dataDir = path.resolve(process.env.DATA_DIR ?? '.data');
  const lock = path.join(dataDir, 'pg.lock');
  if (existsSync(lock)) {
    const pid = Number(readFileSync(lock, 'utf8'));
    try {
      process.kill(pid, 0);
      throw new Error(`the embedded database is in use by \`npm start\` (pid ${pid}); stop it first`);
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'ESRCH') throw err;
    }
  }
  const pg = await startEmbeddedPostgres({ dataDir: path.join(dataDir, 'pg') });
  try {
    return await fn(pg.url);
  } finally {
    await pg.stop();
  }
}
