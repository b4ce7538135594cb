// The runner speaks an SDK-internal protocol. These assertions pin what it relies on; if an
// `inngest` upgrade changes any of it, this fails before a run does (ADR 006).
import { createHash } from 'node:crypto';
import { Inngest, NonRetriableError, version } from 'inngest';
import { serve } from 'inngest/next';
import { describe, expect, it } from 'vitest';
import { functionConfigs } from './function-configs';
import { buildRequest, callFunction, type CallInput } from './protocol';

const sha1 = (s: string) => createHash('sha1').update(s).digest('hex');
const client = new Inngest({ id: 'contract', isDev: true, fetch: async () => Response.json({ ids: ['evt_1'], status: 200 }) });
let failures = 0;
const tiny = client.createFunction(
  {
    id: 'tiny',
    triggers: [{ event: 'c/go', if: 'event.data.ok == true' }],
    retries: 2,
    cancelOn: [{ event: 'c/stop', match: 'data.key', timeout: '1h' }],
    concurrency: { limit: 2 },
    debounce: { key: 'event.data.key', period: '5s' },
    onFailure: async () => undefined,
  },
  async ({ event, step }) => {
    const a = await step.run('a', () => (event.data.n as number) + 1);
    await step.sleep('nap', '2s');
    const got = await step.waitForEvent('wait', { event: 'c/done', timeout: '1m', if: 'event.data.key == async.data.key' });
    const [p, q] = await Promise.all([step.run('p', () => 'P'), step.run('q', () => 'Q')]);
    const child = await step.invoke('call', { function: other, data: { x: 1 } });
    await step.sendEvent('send', { name: 'c/sent', data: {} });
    return { a, got, p, q, child };
  },
);
const other = client.createFunction({ id: 'other', triggers: [{ event: 'c/other' }] }, async ({ event }) => {
  if (event.data.fatal) throw new NonRetriableError('fatal');
  if (event.data.boom) throw new Error('boom');
  return 'ok';
});
const stepper = client.createFunction({ id: 'stepper', triggers: [{ event: 'c/step' }] }, async ({ step }) =>
  step.run('fails', () => {
    if (++failures > 0) throw new Error('nope');
  }),
);
const handler = serve({ client, functions: [tiny, other, stepper] });

const event = { id: 'e1', name: 'c/go', data: { n: 1, ok: true, key: 'k' }, ts: 1_700_000_000_000 };
const call = (steps: [string, unknown][], extra: Partial<CallInput> = {}) =>
  callFunction(handler, {
    functionId: 'contract-tiny', runId: 'run_1', event, attempt: 0, maxAttempts: 3,
    steps: steps.map(([name, data]) => ({ id: sha1(name), result: { data } })),
    ...extra,
  });
const pick = (op: Record<string, unknown>) => ({ id: op.id, op: op.op, name: op.name, displayName: op.displayName, opts: op.opts, data: op.data });

describe('inngest serve-handler protocol (pinned)', () => {
  it('is the pinned SDK version', () => {
    expect(version).toBe('4.24.0');
  });

  it('builds the request the SDK expects', async () => {
    const req = buildRequest({ functionId: 'contract-tiny', runId: 'r', event, steps: [{ id: 'abc', result: { data: 1 } }], attempt: 1, maxAttempts: 3, stepId: 'abc' });
    expect(new URL(req.url).search).toBe('?fnId=contract-tiny&stepId=abc');
    expect(await req.json()).toEqual({
      version: 2, event, events: [event], steps: { abc: { data: 1 } },
      ctx: { run_id: 'r', attempt: 1, max_attempts: 3, disable_immediate_execution: false, use_api: false, stack: { stack: ['abc'], current: 1 } },
    });
  });

  it('exposes the function config the runner reads', () => {
    const configs = functionConfigs('contract', [tiny]);
    expect(configs.get('contract-tiny')).toEqual({
      id: 'contract-tiny', name: 'tiny', triggers: [{ event: 'c/go', expression: 'event.data.ok == true' }], maxAttempts: 3,
      cancel: [{ event: 'c/stop', timeout: '1h', if: 'event.data.key == async.data.key' }],
      concurrencyLimit: 2, idempotency: undefined, debounce: { key: 'event.data.key', periodMs: 5000 },
    });
    expect(configs.get('contract-tiny-failure')).toMatchObject({
      triggers: [{ event: 'inngest/function.failed', expression: "event.data.function_id == 'contract-tiny'" }], maxAttempts: 2,
    });
  });

  it('answers with one op per step, identified by the SHA-1 of its name', async () => {
    const r1 = await call([]);
    expect(r1.kind).toBe('ops');
    expect(r1.kind === 'ops' && r1.ops.map(pick)).toEqual([{ id: sha1('a'), op: 'StepRun', name: 'a', displayName: 'a', opts: {}, data: 2 }]);

    const r2 = await call([['a', 2]]);
    expect(r2.kind === 'ops' && r2.ops.map(pick)).toEqual([{ id: sha1('nap'), op: 'Sleep', name: '2s', displayName: 'nap', opts: {}, data: null }]);

    const r3 = await call([['a', 2], ['nap', null]]);
    expect(r3.kind === 'ops' && r3.ops.map(pick)).toEqual([
      { id: sha1('wait'), op: 'WaitForEvent', name: 'c/done', displayName: 'wait', opts: { timeout: '1m', if: 'event.data.key == async.data.key' }, data: null },
    ]);

    const r4 = await call([['a', 2], ['nap', null], ['wait', null]]);
    expect(r4.kind === 'ops' && r4.ops.map((o) => [o.op, o.id])).toEqual([['StepPlanned', sha1('p')], ['StepPlanned', sha1('q')]]);

    const r5 = await call([['a', 2], ['nap', null], ['wait', null]], { stepId: sha1('q') });
    expect(r5.kind === 'ops' && r5.ops.map((o) => [o.op, o.id, o.data])).toEqual([['StepRun', sha1('q'), 'Q']]);

    const done = [['a', 2], ['nap', null], ['wait', null], ['p', 'P'], ['q', 'Q']] as [string, unknown][];
    const r6 = await call(done);
    expect(r6.kind === 'ops' && r6.ops.map(pick)).toEqual([
      { id: sha1('call'), op: 'InvokeFunction', name: undefined, displayName: 'call', opts: { function_id: 'contract-other', payload: { data: { x: 1 } } }, data: null },
    ]);

    const r7 = await call([...done, ['call', 'ok']]);
    expect(r7.kind === 'ops' && r7.ops.map((o) => [o.op, o.id, o.data])).toEqual([['StepRun', sha1('send'), { ids: ['evt_1'] }]]);

    const r8 = await call([...done, ['call', 'ok'], ['send', { ids: ['evt_1'] }]]);
    expect(r8).toEqual({ kind: 'done', output: { a: 2, got: null, p: 'P', q: 'Q', child: 'ok' } });
  });

  it('reports step errors as StepError (retry) or StepFailed (non-retriable)', async () => {
    const r = await callFunction(handler, { functionId: 'contract-stepper', runId: 'r', event: { name: 'c/step', data: {} }, steps: [], attempt: 0, maxAttempts: 3 });
    expect(r.kind === 'ops' && r.ops.map((o) => [o.op, o.id, (o.error as { message: string }).message])).toEqual([['StepError', sha1('fails'), 'nope']]);
  });

  it('signals function errors by status: 500 retriable, 400 final', async () => {
    const fn = (data: Record<string, unknown>) =>
      callFunction(handler, { functionId: 'contract-other', runId: 'r', event: { name: 'c/other', data }, steps: [], attempt: 0, maxAttempts: 3 });
    expect(await fn({})).toEqual({ kind: 'done', output: 'ok' });
    expect(await fn({ boom: true })).toMatchObject({ kind: 'error', retriable: true, error: { name: 'Error', message: 'boom' } });
    expect(await fn({ fatal: true })).toMatchObject({ kind: 'error', retriable: false, error: { name: 'NonRetriableError', message: 'fatal' } });
  });
});
