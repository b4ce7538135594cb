// Where events land in embedded mode: the `events` table, deduplicated by event id.
// The runner fans unprocessed rows out to triggers, waits and cancellations.
import type { Db } from '@/server/db/client';
import { ambientTransaction, getDb } from '@/server/db/client';
import { newId } from '@/server/lib/ids';
import { insertEvents, type IncomingEvent } from '@/server/modules/events/insert-events';
import { withTraceOnEvent } from '@/server/observability/tracing';

// A global (not a module variable): Next may load this file once per bundle (instrumentation,
// route handlers), and they must all write to the database the runner was given.
const store = globalThis as unknown as { __embeddedEventDb?: Db };

/** Points embedded sends at a database (tests, the worker); defaults to the app's client. */
export function setEventStoreDb(db: Db | undefined): void {
  store.__embeddedEventDb = db;
}

/** A send inside a transaction (withTx) is written in it: it exists only if the change commits. */
function eventDb(): Db {
  return ambientTransaction() ?? store.__embeddedEventDb ?? getDb();
}

type SendableEvent = IncomingEvent & { validate?: () => Promise<void> };

/**
 * The app's sends in embedded mode (inngest/send.ts), without the SDK's send path (its
 * middleware chain, JSON round trip through a fetch and response schema cost ~1.5 ms of CPU
 * a send: ADR 037). The same outcome as `inngest.send` through embeddedFetch: each event's
 * schema validated (a bad payload throws, nothing stored), `ts` and `data` defaulted, the
 * current trace carried, one insert for all of them, the ids back.
 */
export async function storeSentEvents(events: SendableEvent[]): Promise<{ ids: string[] }> {
  for (const e of events) if (typeof e.validate === 'function') await e.validate();
  if (events.length === 0) return { ids: [] };
  const ts = Date.now();
  const rows = events.map((e) => withTraceOnEvent({ id: e.id ?? newId('evt'), name: e.name, data: e.data ?? {}, ts: e.ts || ts }));
  const db = eventDb();
  // Like the SDK, a failed send is tried up to 5 times with backoff (100 ms doubling, jittered);
  // the ids are fixed first, so a retry after a lost acknowledgement stores nothing twice.
  // Inside a transaction a retry cannot succeed (the transaction is aborted): no retries there.
  const attempts = ambientTransaction() ? 1 : 5;
  for (let attempt = 1; ; attempt++) {
    try {
      const { stored } = await insertEvents(db, rows);
      return { ids: stored.map((e) => e.id) };
    } catch (err) {
      if (attempt >= attempts) throw err;
      await new Promise((resolve) => setTimeout(resolve, 100 * 2 ** (attempt - 1) + Math.random() * 100));
    }
  }
}

/**
 * The embedded client's fetch: the SDK posts sends to `<base>/e/<key>` and expects
 * `{ ids, status }`. Anything else (registration) has nowhere to go in embedded mode.
 */
export const embeddedFetch: typeof fetch = async (input, init) => {
  const url = new URL(typeof input === 'string' ? input : input instanceof URL ? input.href : input.url);
  if (!url.pathname.startsWith('/e/')) {
    return Response.json({ error: 'embedded Inngest mode: no Inngest server' }, { status: 404 });
  }
  const body = JSON.parse(String(init?.body ?? '[]')) as IncomingEvent | IncomingEvent[];
  // step.sendEvent inside a run goes through here: carry the run's trace to the next runs.
  const events = (Array.isArray(body) ? body : [body]).map((e) => withTraceOnEvent(e));
  const { stored } = await insertEvents(eventDb(), events);
  return Response.json({ ids: stored.map((e) => e.id), status: 200 });
};
