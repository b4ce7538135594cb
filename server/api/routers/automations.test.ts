import { Inngest } from 'inngest';
import { describe, expect, it } from 'vitest';
import { createRunner } from '@/inngest/runner/driver';
import { embeddedFetch } from '@/inngest/runner/event-store';
import { useTestDatabase } from '@/server/db/testing';
import { insertEvents } from '@/server/modules/events/insert-events';
import { staffAs } from '@/server/modules/auth/testing';
import { createContext } from '../init';
import { createCaller } from '../root';

const client = new Inngest({ id: 'console-test', isDev: true, fetch: embeddedFetch });
const greet = client.createFunction({ id: 'greet', triggers: [{ event: 't/greet' }], retries: 0 }, async ({ event, step }) => {
  const msg = await step.run('compose', () => `hello ${String(event.data.email)}`);
  if (event.data.fail) throw new Error(`cannot reach ${String(event.data.email)}`);
  await step.sleep('later', '1h');
  return msg;
});

const getDb = useTestDatabase();
const caller = () =>
  createCaller(createContext({ headers: new Headers(), db: getDb().prisma, staff: staffAs('owner') }));

describe('automations router', () => {
  it('lists runs with failures per function, shows steps with emails redacted, replays and cancels', async () => {
    const db = getDb().prisma;
    const runner = createRunner({ db, client, functions: [greet], log: () => undefined });
    await insertEvents(db, [
      { id: 'e-ok', name: 't/greet', data: { email: 'ada@example.com' } },
      { id: 'e-bad', name: 't/greet', data: { email: 'bob@example.com', fail: true } },
    ]);
    for (let i = 0; i < 8; i++) await runner.tick();

    const overview = await caller().automations.overview();
    expect(overview.mode).toBe('embedded');
    expect(overview.functions).toEqual([{ functionId: 'console-test-greet', total: 2, failed: 1, active: 1 }]);

    const runs = await caller().automations.runs({ functionId: 'console-test-greet' });
    expect(runs.map((r) => r.status).sort()).toEqual(['failed', 'sleeping']);
    const failed = runs.find((r) => r.status === 'failed')!;
    expect(failed.error).toBe('Error: cannot reach b***@example.com');

    const sleeping = runs.find((r) => r.status === 'sleeping')!;
    const detail = await caller().automations.run({ runId: sleeping.id });
    expect(detail!.event).toMatchObject({ data: { email: 'a***@example.com' } });
    expect(detail!.steps.map((s) => [s.name, s.status, s.output])).toEqual([
      ['compose', 'completed', 'hello a***@example.com'],
      ['later', 'pending', null],
    ]);

    expect(await caller().automations.cancel({ runId: sleeping.id })).toEqual({ cancelled: true });
    await expect(caller().automations.cancel({ runId: sleeping.id })).rejects.toThrow(/already ended/);

    const { runId } = await caller().automations.replay({ runId: failed.id });
    for (let i = 0; i < 4; i++) await runner.tick();
    const replayed = await caller().automations.run({ runId });
    expect(replayed!.status).toBe('failed');
    expect(replayed!.event).toMatchObject({ id: 'e-bad', data: { email: 'b***@example.com' } });
  });
});
