// Two processes: worker 1 is SIGKILLed inside step "two"; worker 2, started afterwards on
// the same database, finishes the run. Completed steps must not run again. Needs a real
// Postgres server (TEST_DATABASE_URL): two processes cannot share the in-memory PGlite.
import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { useTestDatabase } from '@/server/db/testing';
import { insertEvents } from '@/server/modules/events/insert-events';

const FIXTURE = path.resolve(import.meta.dirname, 'crash-worker.fixture.ts');
const children: ChildProcess[] = [];

function worker(url: string, hang: boolean): ChildProcess {
  const child = spawn(process.execPath, ['--import', 'tsx', FIXTURE], {
    env: { ...process.env, DATABASE_URL: url, CRASH_HANG: hang ? '1' : '0' },
    stdio: 'ignore',
  });
  children.push(child);
  return child;
}

describe.skipIf(!process.env.TEST_DATABASE_URL)('crash and restart across processes', () => {
  const getDb = useTestDatabase();
  afterAll(() => {
    for (const c of children) if (c.exitCode === null) c.kill('SIGKILL');
  });

  async function counts() {
    const r = await getDb().query<{ step: string; n: number }>(`SELECT step, count(*)::int AS n FROM crash_counters GROUP BY step`);
    return Object.fromEntries(r.rows.map((x) => [x.step, x.n]));
  }
  async function waitFor(pred: () => Promise<boolean>, ms: number) {
    const t0 = Date.now();
    while (!(await pred())) {
      if (Date.now() - t0 > ms) throw new Error('timed out');
      await new Promise((r) => setTimeout(r, 100));
    }
  }

  it('resumes a killed run in a new process without re-running completed steps', { timeout: 90_000 }, async () => {
    await getDb().query(`CREATE TABLE crash_counters (step text NOT NULL, pid int NOT NULL)`);
    await insertEvents(getDb().prisma, [{ id: 'crash-1', name: 'crash/go', data: {} }]);

    const first = worker(getDb().url, true);
    await waitFor(async () => (await counts()).two === 1, 40_000);
    first.kill('SIGKILL');
    await new Promise((r) => first.once('exit', r));

    worker(getDb().url, false);
    await waitFor(async () => {
      const r = await getDb().query<{ status: string }>(`SELECT status::text AS status FROM job_runs WHERE function_id = 'crash-three-steps'`);
      return r.rows[0]?.status === 'completed';
    }, 40_000);

    // "one" completed before the kill: never again. "two" was in flight: it runs again.
    expect(await counts()).toEqual({ one: 1, two: 2, three: 1 });
    const pids = await getDb().query<{ n: number }>(`SELECT count(DISTINCT pid)::int AS n FROM crash_counters`);
    expect(pids.rows[0]!.n).toBe(2);
  });
});
