// One order, one trace: the shopper's checkout (tRPC procedure, risk decision, payment
// authorisation, database queries) and the exception flow that later captures it (runner
// steps, payment capture) share a trace id and the request id; no personal data is in any
// span attribute.
import { InMemorySpanExporter, type ReadableSpan } from '@opentelemetry/sdk-trace-base';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inngest } from '@/inngest/client';
import { functions } from '@/inngest/index';
import { createRunner } from '@/inngest/runner/driver';
import { setEventStoreDb } from '@/inngest/runner/event-store';
import { createContext } from '@/server/api/init';
import { createCaller } from '@/server/api/root';
import { useTestDatabase } from '@/server/db/testing';
import { newSessionKey } from '@/server/lib/session-key';
import { address, ensureStoreDefaults, makeVariant } from '@/server/modules/checkout/checkout.fixtures';
import { getOrder } from '@/server/modules/checkout/get-order';
import { startTelemetry, type Telemetry } from './sdk';

const getDb = useTestDatabase();
const exporter = new InMemorySpanExporter();
let telemetry: Telemetry;

beforeAll(async () => {
  (globalThis as unknown as { prisma: unknown }).prisma = getDb().prisma;
  setEventStoreDb(getDb().prisma);
  await ensureStoreDefaults(getDb().prisma);
  telemetry = startTelemetry({ db: () => getDb().prisma, spanExporter: exporter, env: { NODE_ENV: 'test', OTEL_METRIC_EXPORT_INTERVAL: '600000' }, queueGauges: false });
});
afterAll(async () => {
  setEventStoreDb(undefined);
  await telemetry.shutdown();
});

const spans = () => exporter.getFinishedSpans();
const inTrace = (traceId: string) => spans().filter((s) => s.spanContext().traceId === traceId);
const names = (list: ReadableSpan[]) => list.map((s) => s.name);

describe('checkout tracing', () => {
  it('puts the checkout and its exception flow in one trace with the request id, and no personal data', async () => {
    const email = 'trace.shopper@example.com';
    const card = '4242424242424242';
    const ip = '203.0.113.77';
    const v = await makeVariant(getDb().prisma, { stock: 3, priceCents: 6_500 });
    const sid = newSessionKey();
    const caller = createCaller(
      createContext({ headers: new Headers({ cookie: `luma_sid=${sid}`, 'x-request-id': 'req_checkout_trace_1', 'x-forwarded-for': ip }), db: getDb().prisma }),
    );
    await caller.cart.add({ variantId: v.variantId, quantity: 1 });
    exporter.reset();
    const placed = await caller.checkout.placeOrder({ email, shippingAddress: address, paymentMethod: card, idempotencyKey: 'trace-order-0001' });
    expect(placed.outcome).toBe('placed');

    const [proc] = spans().filter((s) => s.name === 'trpc checkout.placeOrder');
    expect(proc).toBeDefined();
    const traceId = proc!.spanContext().traceId;
    const checkout = inTrace(traceId);
    expect(names(checkout)).toEqual(expect.arrayContaining(['trpc checkout.placeOrder', 'decision risk_score', 'payment.authorize']));
    expect(checkout.some((s) => s.name.startsWith('prisma:'))).toBe(true);
    const decision = checkout.find((s) => s.name === 'decision risk_score')!;
    expect(decision.attributes).toMatchObject({ 'decision.kind': 'risk_score', 'request.id': 'req_checkout_trace_1' });
    expect(decision.attributes).toMatchObject({ 'decision.degraded': false, 'decision.model_version': expect.stringMatching(/risk/) });

    // The exception flow runs later, in the runner, and continues the same trace.
    const runner = createRunner({ db: getDb().prisma, client: inngest, functions, pollMs: 10, log: () => undefined });
    for (let i = 0; i < 200 && (await getOrder(getDb().prisma, placed.order.id)).status !== 'paid'; i++) {
      if ((await runner.tick()) === 0) await new Promise((r) => setTimeout(r, 10));
    }
    expect((await getOrder(getDb().prisma, placed.order.id)).status).toBe('paid');
    const flow = names(inTrace(traceId));
    expect(flow).toEqual(expect.arrayContaining(['inngest.step confirm-stock', 'inngest.step capture-payment', 'payment.capture', 'inngest.step mark-paid']));
    for (const s of inTrace(traceId).filter((x) => x.name.startsWith('inngest.step'))) expect(s.attributes['request.id']).toBe('req_checkout_trace_1');

    // Nothing personal in any attribute of any span.
    for (const s of spans()) {
      for (const value of Object.values(s.attributes)) {
        const text = String(value);
        expect(text, `${s.name}`).not.toContain(email);
        expect(text, `${s.name}`).not.toContain(card);
        expect(text, `${s.name}`).not.toContain(ip);
      }
    }
  }, 60_000);
});
