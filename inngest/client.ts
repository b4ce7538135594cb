import { Inngest } from 'inngest';
import { inngestMode } from './mode';
import { embeddedFetch } from './runner/event-store';

export const INNGEST_APP_ID = 'commerce';

/**
 * One client for both modes. Embedded: `isDev: true` (v4 defaults to cloud mode and would
 * demand a signing key) and a fetch that stores sent events in Postgres instead of
 * posting them to :8288, so `inngest.send` and `step.sendEvent` work unchanged.
 */
export const inngest =
  inngestMode() === 'embedded'
    ? new Inngest({ id: INNGEST_APP_ID, isDev: true, fetch: embeddedFetch })
    : new Inngest({
        id: INNGEST_APP_ID,
        isDev: process.env.INNGEST_DEV === '1',
        eventKey: process.env.INNGEST_EVENT_KEY,
        signingKey: process.env.INNGEST_SIGNING_KEY,
        ...(process.env.INNGEST_BASE_URL ? { baseUrl: process.env.INNGEST_BASE_URL } : {}),
      });
