// Spans for other modules: `withSpan('payments.capture', { 'payment.id': id }, () => capture())`.
// Works whether or not a tracer provider is registered (no provider = no-op spans), so
// modules and tests never need to know how telemetry is exported.
import { context, propagation, ROOT_CONTEXT, SpanStatusCode, trace, type Attributes, type Span, type SpanKind } from '@opentelemetry/api';
import { currentRequestId } from './request-context';

export const TRACER_NAME = 'commerce';
export const tracer = () => trace.getTracer(TRACER_NAME);

export type SpanAttrs = Attributes;

/**
 * Runs `fn` inside a child span of the current one. The span ends when `fn` settles; a
 * throw marks it as an error (the exception message is recorded, redacted by the exporter)
 * and rethrows. The current request id is added as `request.id`.
 */
export function withSpan<T>(name: string, attrs: SpanAttrs, fn: (span: Span) => Promise<T> | T, opts: { kind?: SpanKind } = {}): Promise<T> {
  const requestId = currentRequestId();
  return tracer().startActiveSpan(name, { kind: opts.kind, attributes: { ...(requestId ? { 'request.id': requestId } : {}), ...attrs } }, async (span) => {
    try {
      return await fn(span);
    } catch (err) {
      span.setStatus({ code: SpanStatusCode.ERROR, message: err instanceof Error ? err.name : 'error' });
      span.recordException(err instanceof Error ? err : new Error(String(err)));
      throw err;
    } finally {
      span.end();
    }
  });
}

/** Puts the request id on the span Next opened for this request (the trace's root), too. */
export function tagActiveSpan(requestId: string): void {
  trace.getActiveSpan()?.setAttribute('request.id', requestId);
}

/** W3C trace context of the current span, to carry across an event or an outbound call. */
export type TraceCarrier = { traceparent?: string; tracestate?: string; requestId?: string };

export function currentTraceCarrier(): TraceCarrier | null {
  const carrier: Record<string, string> = {};
  propagation.inject(context.active(), carrier);
  if (!carrier.traceparent) return null;
  const requestId = currentRequestId();
  return { traceparent: carrier.traceparent, ...(carrier.tracestate ? { tracestate: carrier.tracestate } : {}), ...(requestId ? { requestId } : {}) };
}

/** Runs `fn` with the carrier's trace as the parent context (the root context when none). */
export function withTraceCarrier<T>(carrier: TraceCarrier | null | undefined, fn: () => T): T {
  const parent = carrier?.traceparent ? propagation.extract(ROOT_CONTEXT, carrier) : ROOT_CONTEXT;
  return context.with(parent, fn);
}

/** Where the trace context rides on an event: a reserved key in its data (zod schemas strip or ignore it). */
export const TRACE_KEY = '_trace';

export function traceCarrierOf(event: unknown): TraceCarrier | null {
  const data = (event as { data?: Record<string, unknown> } | null)?.data;
  const carrier = data?.[TRACE_KEY] as TraceCarrier | undefined;
  return carrier && typeof carrier.traceparent === 'string' ? carrier : null;
}

/** An event with the current trace context added to its data (unchanged when there is no active trace or it has one). */
export function withTraceOnEvent<E extends { data?: unknown }>(event: E): E {
  const carrier = currentTraceCarrier();
  const data = (event.data ?? {}) as Record<string, unknown>;
  if (!carrier || typeof data !== 'object' || data[TRACE_KEY]) return event;
  return { ...event, data: { ...data, [TRACE_KEY]: carrier } };
}
