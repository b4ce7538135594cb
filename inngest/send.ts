// How app code emits events, in either mode: `send(catalogProductUpdated.create({ productId }, { id }))`.
// The current W3C trace context (and request id) rides along in `data._trace`, so the runs an
// event starts join the sender's trace (inngest/runner/execute.ts restores it).
// Embedded mode stores the events directly (storeSentEvents: same validation and rows as the
// SDK's send through embeddedFetch, without its per-send overhead; ADR 037).
import { AsyncLocalStorage } from 'node:async_hooks';
import { newId } from '@/server/lib/ids';
import { logger } from '@/server/observability/logger';
import { withTraceOnEvent } from '@/server/observability/tracing';
import { inngest } from './client';
import { inngestMode } from './mode';
import { storeSentEvents } from './runner/event-store';

type Events = Parameters<typeof inngest.send>[0];
type Sendable = Parameters<typeof storeSentEvents>[0][number];

const embedded = inngestMode() === 'embedded';
const batches = new AsyncLocalStorage<Sendable[]>();

export async function send(events: Events): ReturnType<typeof inngest.send> {
  if (embedded) {
    const list = (Array.isArray(events) ? events : [events]) as Sendable[];
    const batch = batches.getStore();
    if (!batch) return storeSentEvents(list);
    // Inside sendTogether: checked now (a bad payload still throws here), stored with the rest.
    for (const e of list) if (typeof e.validate === 'function') await e.validate();
    const ids = list.map((e) => (e.id ??= newId('evt')));
    batch.push(...list.map((e) => withTraceOnEvent({ id: e.id, name: e.name, data: e.data, ts: e.ts || Date.now() })));
    return { ids };
  }
  const traced = (Array.isArray(events) ? events.map((e) => withTraceOnEvent(e)) : withTraceOnEvent(events as { data?: unknown })) as Events;
  return inngest.send(traced);
}

/**
 * Runs `fn`; in embedded mode the events it sends are stored together in one insert when it
 * ends (also when it throws: they were sent). For a few sends that belong to one short
 * operation (a payment authorisation: the provider's webhook delivery and the status update).
 * Elsewhere every send goes out at once, as usual.
 */
export async function sendTogether<T>(fn: () => Promise<T>): Promise<T> {
  if (!embedded || batches.getStore()) return fn();
  const batch: Sendable[] = [];
  let result: T;
  try {
    result = await batches.run(batch, fn);
  } catch (err) {
    // The operation's own error is the one to report; a failed flush is logged.
    if (batch.length) await storeSentEvents(batch).catch((flushErr: unknown) => logger.error({ err: flushErr, events: batch.map((e) => e.name) }, 'events not stored'));
    throw err;
  }
  if (batch.length) await storeSentEvents(batch);
  return result;
}
