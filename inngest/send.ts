// How app code emits events, in either mode: `send(catalogProductUpdated.create({ productId }, { id }))`.
// The current W3C trace context (and request id) rides along in `data._trace`, so the runs an
// event starts join the sender's trace (inngest/runner/execute.ts restores it).
// Embedded mode stores the events directly (storeSentEvents: same validation and rows as the
// SDK's send through embeddedFetch, without its per-send overhead; ADR 037).
import { withTraceOnEvent } from '@/server/observability/tracing';
import { inngest } from './client';
import { inngestMode } from './mode';
import { storeSentEvents } from './runner/event-store';

type Events = Parameters<typeof inngest.send>[0];

const embedded = inngestMode() === 'embedded';

export function send(events: Events): ReturnType<typeof inngest.send> {
  if (embedded) return storeSentEvents((Array.isArray(events) ? events : [events]) as Parameters<typeof storeSentEvents>[0]);
  const traced = (Array.isArray(events) ? events.map((e) => withTraceOnEvent(e)) : withTraceOnEvent(events as { data?: unknown })) as Events;
  return inngest.send(traced);
}
