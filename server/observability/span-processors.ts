// Span processors shared by every export mode: the request id on every span, redaction of
// personal data before anything leaves the process, and request metrics + slow traces from
// root spans (Next's per-request span, or a runner job continuing an event's trace).
import { SpanKind, SpanStatusCode, type Context } from '@opentelemetry/api';
import type { ReadableSpan, Span, SpanProcessor } from '@opentelemetry/sdk-trace-base';
import { recordRequest } from './metrics';
import { isSecretKey, redactText, REDACTED } from './redact';
import { currentRequestId } from './request-context';

const ms = (hr: [number, number]) => hr[0] * 1000 + hr[1] / 1e6;

const isRootSpan = (span: ReadableSpan) => !span.parentSpanContext || span.parentSpanContext.isRemote;

export class RequestIdSpanProcessor implements SpanProcessor {
  // Next opens a request's root span before our code resolves the request id; children that
  // know it end first, so the root picks it up from here when it ends. Bounded.
  private readonly byTrace = new Map<string, string>();

  onStart(span: Span, _parent: Context): void {
    const requestId = currentRequestId();
    if (requestId && span.attributes['request.id'] === undefined) span.setAttribute('request.id', requestId);
  }
  onEnding(span: Span): void {
    const traceId = span.spanContext().traceId;
    if (isRootSpan(span)) {
      const requestId = this.byTrace.get(traceId);
      this.byTrace.delete(traceId);
      if (requestId && span.attributes['request.id'] === undefined) span.setAttribute('request.id', requestId);
    } else if (typeof span.attributes['request.id'] === 'string') {
      if (this.byTrace.size >= 10_000) this.byTrace.delete(this.byTrace.keys().next().value!);
      this.byTrace.set(traceId, span.attributes['request.id']);
    }
    // Keys that hold secrets are dropped; free text (URLs, SQL, error messages) is scrubbed.
    for (const [key, value] of Object.entries(span.attributes)) {
      if (isSecretKey(key)) span.setAttribute(key, REDACTED);
      else if (typeof value === 'string') {
        const clean = redactText(value);
        if (clean !== value) span.setAttribute(key, clean);
      }
    }
    for (const event of span.events) {
      for (const [key, value] of Object.entries(event.attributes ?? {})) {
        if (typeof value === 'string') (event.attributes as Record<string, unknown>)[key] = isSecretKey(key) ? REDACTED : redactText(value);
      }
    }
  }
  onEnd(): void {}
  forceFlush(): Promise<void> {
    return Promise.resolve();
  }
  shutdown(): Promise<void> {
    return Promise.resolve();
  }
}

export type SlowTrace = {
  traceId: string;
  name: string;
  durationMs: number;
  requestId: string | null;
  status: 'ok' | 'error';
  attributes: Record<string, unknown>;
  startedAt: Date;
};

/**
 * Next's root span for every request carries the route and status: one latency sample per
 * request, without wrapping each page. Roots slower than `slowMs` (or failed) are buffered
 * for the summary's "slow traces" list (bounded).
 */
export class RootSpanProcessor implements SpanProcessor {
  readonly slow: SlowTrace[] = [];
  private readonly open = new Set<string>();
  constructor(private readonly opts: { slowMs: number; keepSlow: boolean; maxBuffered?: number }) {}

  /** Server requests started and not yet finished (graceful shutdown waits for them). */
  inFlightRequests(): number {
    return this.open.size;
  }

  onStart(span: Span): void {
    if (span.kind === SpanKind.SERVER && (!span.parentSpanContext || span.parentSpanContext.isRemote)) this.open.add(span.spanContext().spanId);
  }
  onEnd(span: ReadableSpan): void {
    this.open.delete(span.spanContext().spanId);
    if (!isRootSpan(span)) return;
    const a = span.attributes;
    const duration = ms(span.duration);
    const status = Number(a['http.status_code'] ?? a['http.response.status_code'] ?? 0);
    const failed = span.status.code === SpanStatusCode.ERROR || status >= 500;
    const isRequest = a['next.span_type'] === 'BaseServer.handleRequest';
    if (isRequest) {
      const method = String(a['http.method'] ?? a['http.request.method'] ?? 'GET');
      const route = a['next.route'] ?? a['http.route'];
      // Next opens an outer span without a route around the routed one: count each request
      // once, by its route. Next's own assets are not the app's traffic.
      if (route !== undefined && !String(route).startsWith('/_next')) recordRequest('http', `${method} ${String(route)}`, duration, !failed);
    }
    // Requests and runner steps; not start-up work or stray background queries.
    const interesting = isRequest || span.name.startsWith('inngest.') || a['request.id'] !== undefined;
    if (this.opts.keepSlow && interesting && (duration >= this.opts.slowMs || failed)) {
      if (this.slow.length >= (this.opts.maxBuffered ?? 100)) this.slow.shift();
      this.slow.push({
        traceId: span.spanContext().traceId,
        name: span.name,
        durationMs: Math.round(duration * 10) / 10,
        requestId: a['request.id'] ? String(a['request.id']) : null,
        status: failed ? 'error' : 'ok',
        attributes: Object.fromEntries(Object.entries(a).filter(([, v]) => v !== undefined).slice(0, 30)),
        startedAt: new Date(span.startTime[0] * 1000 + span.startTime[1] / 1e6),
      });
    }
  }
  drainSlow(): SlowTrace[] {
    return this.slow.splice(0, this.slow.length);
  }
  forceFlush(): Promise<void> {
    return Promise.resolve();
  }
  shutdown(): Promise<void> {
    return Promise.resolve();
  }
}
