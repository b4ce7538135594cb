// Graceful shutdown across processes: a worker gets SIGTERM in the middle of a step. The step
// finishes (once), no further step starts there, the process exits 0 in bounded time and
// holds no lease; a second worker then completes the run without repeating finished steps.
// Needs a real Postgres server (TEST_DATABASE_URL), like crash-restart.integration.test.ts.
import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { useTestDatabase } from '@/server/db/testing';
import { insertEvents } from '@/server/modules/events/insert-events';

const FIXTURE = path.resolve(import.meta.dirname, 'shutdown-worker.fixture.ts');
const children: ChildProcess[] = [];

function worker(url: string, stepMs: number): ChildProcess {
  const child = spawn(process.execPath, ['--import', 'tsx', FIXTURE], {
    env: { ...process.env, DATABASE_URL: url, STEP_MS: String(stepMs), SHUTDOWN_TIMEOUT_MS: '15000', LOG_LEVEL: 'silent' },
    stdio: 'ignore',
  });
  children.push(child);
  return child;
}

describe.skipIf(!process.env.TEST_DATABASE_URL)('graceful shutdown of a worker process', () => {
  const getDb = useTestDatabase();
  afterAll(() => {
    for (const c of children) if (c.exitCode === null) c.kill('SIGKILL');
  });

  async function counts() {
    const r = await getDb().query<{ step: string; n: number }>(`SELECT step, count(*)::int AS n FROM shutdown_counters GROUP BY step`);
    return Object.fromEntries(r.rows.map((x) => [x.step, x.n]));
  }
  async function waitFor(pred: () => Promise<boolean>, ms: number) {
    const t0 = Date.now();
    while (!(await pred())) {
      if (Date.now() - t0 > ms) throw new Error('timed out');
      await new Promise((r) => setTimeout(r, 50));
    }
  }

  it('finishes the step in flight once, releases its work and exits 0 on SIGTERM', { timeout: 90_000 }, async () => {
    await getDb().query(`CREATE TABLE shutdown_counters (step text NOT NULL, pid int NOT NULL)`);
    await insertEvents(getDb().prisma, [{ id: 'shutdown-1', name: 'shutdown/go', data: {} }]);

    const first = worker(getDb().url, 2000);
    await waitFor(async () => (await counts())['two:start'] === 1, 40_000);
    const exited = new Promise<{ code: number | null; ms: number }>((resolve) => {
      const t0 = Date.now();
      first.once('exit', (code) => resolve({ code, ms: Date.now() - t0 }));
    });
    first.kill('SIGTERM');
    const { code, ms } = await exited;

    expect(code).toBe(0);
    expect(ms).toBeLessThan(15_000);
    // The step in flight completed; nothing after it started in the stopping process.
    expect(await counts()).toEqual({ one: 1, 'two:start': 1, 'two:end': 1 });
    const held = await getDb().query<{ n: number }>(`SELECT count(*)::int AS n FROM job_queue WHERE locked_by IS NOT NULL`);
    expect(held.rows[0]!.n).toBe(0);
    const run = await getDb().query<{ status: string }>(`SELECT status::text AS status FROM job_runs`);
    expect(run.rows[0]!.status).not.toBe('completed');

    worker(getDb().url, 0);
    await waitFor(async () => {
      const r = await getDb().query<{ status: string }>(`SELECT status::text AS status FROM job_runs WHERE function_id = 'shutdown-three-steps'`);
      return r.rows[0]?.status === 'completed';
    }, 40_000);
    // The memoized step "two" was not run again by the second worker.
    expect(await counts()).toEqual({ one: 1, 'two:start': 1, 'two:end': 1, three: 1 });
  });
});
