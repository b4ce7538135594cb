// The embedded runner on a real database, with short durations.
import { Inngest, NonRetriableError } from 'inngest';
import { afterAll, describe, expect, it } from 'vitest';
import { useTestDatabase } from '@/server/db/testing';
import { createRunner, type Runner } from './driver';
import { insertEvents } from '@/server/modules/events/insert-events';
import { embeddedFetch } from './event-store';

const client = new Inngest({ id: 'runner-test', isDev: true, fetch: embeddedFetch });
const counters = new Map<string, number>();
const bump = (k: string) => {
  const n = (counters.get(k) ?? 0) + 1;
  counters.set(k, n);
  return n;
};
let active = 0;
let maxActive = 0;
let releaseCrash: (() => void) | undefined;

const debounced = client.createFunction(
  { id: 'debounced', triggers: [{ event: 't/debounce' }], debounce: { key: 'event.data.key', period: '1s' } },
  async ({ event, step }) => step.run('last', () => ({ v: event.data.v, n: bump(`debounced-${String(event.data.key)}`) })),
);
const child = client.createFunction({ id: 'child', triggers: [{ event: 't/child' }] }, async ({ event }) => ({ doubled: Number(event.data.n) * 2 }));
const fns = [
  debounced,
  client.createFunction({ id: 'sleeper', triggers: [{ event: 't/sleep' }] }, async ({ step }) => {
    const t0 = await step.run('t0', () => Date.now());
    await step.sleep('nap', '1s');
    const t1 = await step.run('t1', () => Date.now());
    return { slept: t1 - t0 };
  }),
  client.createFunction({ id: 'waiter', triggers: [{ event: 't/wait' }] }, async ({ event, step }) => {
    const got = await step.waitForEvent('wait-done', { event: 't/done', timeout: event.data.timeout as string, if: 'event.data.key == async.data.key' });
    return { got: got?.data ?? null };
  }),
  client.createFunction(
    { id: 'cancellable', triggers: [{ event: 't/cancellable' }], cancelOn: [{ event: 't/stop', if: 'event.data.key == async.data.key' }] },
    async ({ step }) => {
      await step.sleep('long-nap', '30s');
      bump('cancellable-after');
      return 'finished';
    },
  ),
  client.createFunction({ id: 'flaky', triggers: [{ event: 't/flaky' }], retries: 3 }, async ({ step }) => {
    const n = await step.run('flaky-step', () => {
      if (bump('flaky') < 3) throw new Error('transient');
      return counters.get('flaky');
    });
    return { tries: n };
  }),
  client.createFunction(
    {
      id: 'doomed',
      triggers: [{ event: 't/doomed' }],
      retries: 1,
      onFailure: async ({ event, error, step }) => {
        await step.run('compensate', () => bump(`compensated:${String(event.data.event.data.order)}:${error.message}`));
      },
    },
    async ({ step }) => {
      await step.run('charge', () => bump('charged'));
      await step.run('ship', () => {
        throw new NonRetriableError('warehouse closed');
      });
    },
  ),
  client.createFunction({ id: 'counted', triggers: [{ event: 't/count' }] }, async ({ step }) => step.run('count', () => bump('counted'))),
  client.createFunction({ id: 'limited', triggers: [{ event: 't/limited' }], concurrency: { limit: 1 } }, async ({ step }) =>
    step.run('busy', async () => {
      active++;
      maxActive = Math.max(maxActive, active);
      await new Promise((r) => setTimeout(r, 150));
      active--;
      return bump('limited');
    }),
  ),
  client.createFunction({ id: 'ticker', triggers: [{ cron: '*/5 * * * *' }] }, async ({ event, step }) =>
    step.run('tick', () => ({ n: bump('ticker'), name: event.name })),
  ),
  client.createFunction({ id: 'fan', triggers: [{ event: 't/fan' }] }, async ({ step }) => {
    const parts = await Promise.all(['a', 'b', 'c'].map((k) => step.run(`part-${k}`, async () => {
      await new Promise((r) => setTimeout(r, 20));
      return bump(`fan-${k}`);
    })));
    const total = await step.run('sum', () => parts.reduce((s, n) => s + n, 0));
    return { total };
  }),
  client.createFunction({ id: 'crashy', triggers: [{ event: 't/crashy' }] }, async ({ step }) => {
    await step.run('first', () => bump('crashy-first'));
    await step.run('second', async () => {
      if (bump('crashy-second') === 1) await new Promise<void>((r) => (releaseCrash = r)); // the "crash": never returns in driver 1
      return 'ok';
    });
    return step.run('third', () => bump('crashy-third'));
  }),
  child,
  client.createFunction({ id: 'parent', triggers: [{ event: 't/parent' }] }, async ({ step }) => {
    const res = await step.invoke('call-child', { function: child, data: { n: 21 } });
    await step.sendEvent('notify', { id: 'notify-once', name: 't/count', data: {} });
    return res;
  }),
];

describe('embedded runner', () => {
  const getDb = useTestDatabase();
  const runners: Runner[] = [];
  const runner = (opts: { leaseMs?: number } = {}) => {
    const r = createRunner({ db: getDb().prisma, client, functions: fns, backoffBaseMs: 50, pollMs: 20, leaseMs: opts.leaseMs ?? 5_000, log: () => undefined });
    runners.push(r);
    return r;
  };
  afterAll(async () => {
    await Promise.all(runners.map((r) => r.stop({ abandon: true })));
  });

  async function send(name: string, data: Record<string, unknown> = {}, id?: string) {
    await insertEvents(getDb().prisma, [{ name, data, id }]);
  }
  async function runOf(fn: string) {
    const rows = await getDb().query<{ id: string; status: string; output: unknown; attempt: number; error: unknown }>(
      `SELECT id, status::text AS status, output, attempt, error FROM job_runs WHERE function_id = $1 ORDER BY created_at`,
      [`runner-test-${fn}`],
    );
    return rows.rows;
  }
  /** Ticks the runners until `done` holds (or fails after timeoutMs). */
  async function until(done: () => Promise<boolean>, rs: Runner[], timeoutMs = 15_000) {
    const t0 = Date.now();
    while (!(await done())) {
      if (Date.now() - t0 > timeoutMs) throw new Error('timed out waiting for the runner');
      const work = await Promise.all(rs.map((r) => r.tick()));
      if (work.every((w) => w === 0)) await new Promise((r) => setTimeout(r, 25));
    }
  }
  const finished = (fn: string, n = 1) => async () => (await runOf(fn)).filter((r) => ['completed', 'failed', 'cancelled'].includes(r.status)).length >= n;

  it('sleeps for the requested duration, then continues', async () => {
    const r = runner();
    await send('t/sleep');
    await until(finished('sleeper'), [r]);
    const [run] = await runOf('sleeper');
    expect(run!.status).toBe('completed');
    expect((run!.output as { slept: number }).slept).toBeGreaterThanOrEqual(950);
  });

  it('resolves waitForEvent with null on timeout, and with the matching event', async () => {
    const r = runner();
    await send('t/wait', { key: 'k1', timeout: '500ms' });
    await until(finished('waiter'), [r]);
    expect((await runOf('waiter'))[0]!.output).toEqual({ got: null });

    await send('t/wait', { key: 'k2', timeout: '30s' });
    await until(async () => (await getDb().query(`SELECT 1 FROM job_waits WHERE kind = 'wait'`)).rowCount === 1, [r]);
    await send('t/done', { key: 'other' }); // CEL `if` does not match: still waiting
    await send('t/done', { key: 'k2', extra: 7 });
    await until(finished('waiter', 2), [r]);
    expect((await runOf('waiter'))[1]!.output).toEqual({ got: { key: 'k2', extra: 7 } });
  });

  it('cancels a run when a matching cancelOn event arrives', async () => {
    const r = runner();
    await send('t/cancellable', { key: 'c1' });
    await until(async () => (await runOf('cancellable'))[0]?.status === 'sleeping', [r]);
    await send('t/stop', { key: 'nope' });
    await r.tick();
    expect((await runOf('cancellable'))[0]!.status).toBe('sleeping');
    await send('t/stop', { key: 'c1' });
    await until(finished('cancellable'), [r]);
    expect((await runOf('cancellable'))[0]!.status).toBe('cancelled');
    expect((await getDb().query(`SELECT 1 FROM job_queue q JOIN job_runs r ON r.id = q.run_id WHERE r.function_id = 'runner-test-cancellable'`)).rowCount).toBe(0);
    expect(counters.get('cancellable-after')).toBeUndefined();
  });

  it('retries a failing step with backoff and counts attempts', async () => {
    const r = runner();
    await send('t/flaky');
    await until(finished('flaky'), [r]);
    const [run] = await runOf('flaky');
    expect(run!.status).toBe('completed');
    expect(run!.output).toEqual({ tries: 3 });
    expect(run!.attempt).toBe(2);
    const step = await getDb().query<{ attempt: number }>(`SELECT attempt FROM job_steps WHERE run_id = $1`, [run!.id]);
    expect(step.rows[0]!.attempt).toBe(2);
  });

  it('fails a run on a NonRetriableError and runs onFailure once', async () => {
    const r = runner();
    await send('t/doomed', { order: 'o1' });
    await until(finished('doomed-failure'), [r]);
    const [run] = await runOf('doomed');
    expect(run!.status).toBe('failed');
    expect(counters.get('charged')).toBe(1);
    expect(counters.get('compensated:o1:warehouse closed')).toBe(1);
  });

  it('deduplicates events by id: two sends, one run', async () => {
    const r = runner();
    await send('t/count', {}, 'same-id');
    await send('t/count', {}, 'same-id');
    await until(finished('counted'), [r]);
    for (let i = 0; i < 5; i++) await r.tick();
    expect((await runOf('counted')).length).toBe(1);
    expect(counters.get('counted')).toBe(1);
  });

  it('honours a concurrency limit across two drivers', async () => {
    const a = runner();
    const b = runner();
    for (let i = 0; i < 4; i++) await send('t/limited', { i });
    await until(finished('limited', 4), [a, b]);
    expect(counters.get('limited')).toBe(4);
    expect(maxActive).toBe(1);
  });

  it('fires a due cron once and schedules the next time', async () => {
    const r = runner();
    await r.tick(); // registers crons
    await getDb().query(`UPDATE job_crons SET next_run_at = now() - interval '1 second' WHERE function_id = 'runner-test-ticker'`);
    await until(finished('ticker'), [r]);
    const [run] = await runOf('ticker');
    expect(run!.output).toEqual({ n: 1, name: 'inngest/scheduled.timer' });
    // The next time is the next */5 slot after the one that fired (not "after now": a run that
    // fires just before a slot boundary is checked after it).
    const cron = await getDb().query<{ next: boolean }>(
      `SELECT c.next_run_at > r.created_at AND c.next_run_at <= r.created_at + interval '5 minutes'
              AND extract(epoch FROM c.next_run_at)::bigint % 300 = 0 AS next
         FROM job_crons c JOIN job_runs r ON r.function_id = c.function_id WHERE c.function_id = 'runner-test-ticker'`,
    );
    expect(cron.rows[0]!.next).toBe(true);
    await r.tick();
    // Once per slot: another tick in the same slot fires nothing (one more run only if the
    // clock has reached the next slot meanwhile).
    const slots = await getDb().query<{ passed: number }>(
      `SELECT (floor(extract(epoch FROM now()) / 300) - floor(extract(epoch FROM min(created_at)) / 300))::int AS passed FROM job_runs WHERE function_id = 'runner-test-ticker'`,
    );
    const runs = (await runOf('ticker')).length;
    if (slots.rows[0]!.passed === 0) expect(runs).toBe(1);
    else expect(runs).toBeLessThanOrEqual(2);
  });

  it('runs parallel steps once each, even with two drivers', async () => {
    const a = runner();
    const b = runner();
    await send('t/fan');
    await until(finished('fan'), [a, b]);
    expect((await runOf('fan'))[0]!.output).toEqual({ total: 3 });
    expect([counters.get('fan-a'), counters.get('fan-b'), counters.get('fan-c')]).toEqual([1, 1, 1]);
  });

  it('invokes another function and sends events from a step', async () => {
    const r = runner();
    const before = counters.get('counted') ?? 0;
    await send('t/parent');
    await until(finished('parent'), [r]);
    expect((await runOf('parent'))[0]!.output).toEqual({ doubled: 42 });
    await until(async () => (counters.get('counted') ?? 0) > before, [r]);
    const ev = await getDb().query(`SELECT 1 FROM events WHERE id = 'notify-once'`);
    expect(ev.rowCount).toBe(1);
  });

  it('debounces a burst per key into one run with the last event', async () => {
    const r = runner();
    for (const v of [1, 2, 3]) await send('t/debounce', { key: 'p1', v });
    await send('t/debounce', { key: 'p2', v: 9 });
    await until(finished('debounced', 2), [r]);
    const outputs = (await runOf('debounced')).map((x) => x.output);
    expect(outputs).toEqual(expect.arrayContaining([{ v: 3, n: 1 }, { v: 9, n: 1 }]));
    expect(outputs).toHaveLength(2);
  });

  it('resumes after a driver dies mid-run without re-running completed steps', async () => {
    const first = runner({ leaseMs: 600 });
    await send('t/crashy');
    // Driver 1 completes "first", then hangs inside "second" — and is dropped.
    await until(async () => counters.get('crashy-second') === 1, [first].map((r) => ({ ...r, tick: () => r.tick({ wait: false }) })));
    await first.stop({ abandon: true });
    const second = runner({ leaseMs: 600 });
    await until(finished('crashy'), [second]);
    releaseCrash?.();
    const [run] = await runOf('crashy');
    expect(run!.status).toBe('completed');
    expect(counters.get('crashy-first')).toBe(1);
    expect(counters.get('crashy-second')).toBe(2); // the step that was in flight runs again (at least once)
    expect(counters.get('crashy-third')).toBe(1);
  });
});
