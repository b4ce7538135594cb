// Cron triggers: one row per scheduled function with its next fire time. A due row is
// locked, turned into a run (deduplicated by the fire time) and advanced in one transaction.
import type { PrismaClient } from '@/server/db/generated/client';
import { nextCronTime } from './cron';
import type { FunctionConfig } from './function-configs';
import { startRun } from './start-run';

export async function syncCrons(db: PrismaClient, configs: Map<string, FunctionConfig>): Promise<void> {
  for (const fn of configs.values()) {
    for (const t of fn.triggers) {
      if (!t.cron) continue;
      const next = nextCronTime(t.cron, new Date());
      await db.$executeRawUnsafe(
        `INSERT INTO job_crons (function_id, schedule, next_run_at) VALUES ($1, $2, $3::timestamptz)
         ON CONFLICT (function_id) DO UPDATE SET schedule = EXCLUDED.schedule,
           next_run_at = CASE WHEN job_crons.schedule = EXCLUDED.schedule THEN job_crons.next_run_at ELSE EXCLUDED.next_run_at END`,
        fn.id, t.cron, next.toISOString(),
      );
    }
  }
}

export async function fireDueCrons(db: PrismaClient, configs: Map<string, FunctionConfig>): Promise<number> {
  const due = await db.$queryRawUnsafe<unknown[]>(`SELECT 1 FROM job_crons WHERE next_run_at <= now() LIMIT 1`);
  if (due.length === 0) return 0;
  return db.$transaction(async (tx) => {
    const due = await tx.$queryRawUnsafe<{ function_id: string; schedule: string; next_run_at: Date }[]>(
      `SELECT function_id, schedule, next_run_at FROM job_crons WHERE next_run_at <= now() FOR UPDATE SKIP LOCKED`,
    );
    let fired = 0;
    for (const c of due) {
      const fn = configs.get(c.function_id);
      if (fn) {
        const at = c.next_run_at.toISOString();
        const event = { id: `cron:${c.function_id}:${at}`, name: 'inngest/scheduled.timer', data: { cron: c.schedule }, ts: c.next_run_at.getTime() };
        if (await startRun(tx, fn, event)) fired++;
      }
      // Missed fires while the app was down collapse into one: the next time is after now.
      await tx.$executeRawUnsafe(
        `UPDATE job_crons SET last_run_at = next_run_at, next_run_at = $2::timestamptz WHERE function_id = $1`,
        c.function_id, nextCronTime(c.schedule, new Date()).toISOString(),
      );
    }
    return fired;
  });
}
