// Where events land in embedded mode: the `events` table, deduplicated by event id.
// The runner fans unprocessed rows out to triggers, waits and cancellations.
import type { Db } from '@/server/db/client';
import { ambientTransaction, getDb } from '@/server/db/client';
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
