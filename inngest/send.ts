// How app code emits events, in either mode: `send(catalogProductUpdated.create({ productId }, { id }))`.
// The current W3C trace context (and request id) rides along in `data._trace`, so the runs an
// event starts join the sender's trace (inngest/runner/execute.ts restores it).
import { withTraceOnEvent } from '@/server/observability/tracing';
import { inngest } from './client';

type Events = Parameters<typeof inngest.send>[0];

export function send(events: Events): ReturnType<typeof inngest.send> {
  const traced = (Array.isArray(events) ? events.map((e) => withTraceOnEvent(e)) : withTraceOnEvent(events as { data?: unknown })) as Events;
  return inngest.send(traced);
}
