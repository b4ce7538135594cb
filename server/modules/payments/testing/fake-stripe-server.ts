// A small local server speaking the few Stripe API endpoints the Stripe provider uses, so the
// real `stripe` SDK code runs here without network access (the SDK's host/port/protocol
// options point at it). It keeps PaymentIntents in memory, replays responses per
// Idempotency-Key as Stripe does, answers card declines like Stripe's test PaymentMethods,
// and records the events Stripe would send so tests can sign and post them.
//   POST /v1/payment_intents                (confirm: true, capture_method: manual)
//   POST /v1/payment_intents/:id/capture
//   POST /v1/payment_intents/:id/cancel
//   POST /v1/refunds
import http from 'node:http';
import type { AddressInfo } from 'node:net';

type Json = Record<string, unknown>;
type Intent = {
  id: string;
  object: 'payment_intent';
  amount: number;
  amount_received: number;
  amount_capturable: number;
  currency: string;
  status: string;
  capture_method: string;
  payment_method: string;
  metadata: Record<string, string>;
  latest_charge: string | null;
  last_payment_error: Json | null;
  receipt_email: string | null;
};

/** Stripe's test PaymentMethods used here, with the card each stands for. */
const CARDS: Record<string, { brand: string; last4: string; fingerprint: string; decline?: string; action?: boolean }> = {
  pm_card_visa: { brand: 'visa', last4: '4242', fingerprint: 'Xt5EWLLDS7FJjR1c' },
  pm_card_mastercard: { brand: 'mastercard', last4: '4444', fingerprint: 'pn8KhG7S2hGWQxXo' },
  pm_card_chargeDeclined: { brand: 'visa', last4: '0002', fingerprint: 'dcl0002', decline: 'generic_decline' },
  // 3-D Secure required: confirmed server-side, the intent waits for the customer (requires_action).
  pm_card_authenticationRequired: { brand: 'visa', last4: '3184', fingerprint: 'act3184', action: true },
  pm_card_chargeDeclinedInsufficientFunds: {
    brand: 'visa',
    last4: '9995',
    fingerprint: 'dcl9995',
    decline: 'insufficient_funds',
  },
};

export type FakeStripe = {
  url: string;
  requests: { method: string; path: string; idempotencyKey: string | null; params: Json; status: number }[];
  events: Json[];
  intents: Map<string, Intent>;
  /** The next request to `path` answers 500 (the SDK retries it with the same Idempotency-Key). */
  failNext: (path: string) => void;
  close: () => Promise<void>;
};

/** Decodes Stripe's form encoding (`metadata[orderId]=…`, `expand[0]=…`) into nested objects. */
export function decodeForm(body: string): Json {
  const out: Json = {};
  for (const [key, value] of new URLSearchParams(body)) {
    const parts = key.replace(/\]/g, '').split('[');
    let node = out;
    parts.forEach((part, i) => {
      if (i === parts.length - 1) node[part] = value;
      else node = (node[part] ??= {}) as Json;
    });
  }
  return out;
}

export async function startFakeStripe(opts: { secretKey: string }): Promise<FakeStripe> {
  let seq = 0;
  const id = (prefix: string) => `${prefix}_fake${String(++seq).padStart(6, '0')}`;
  const intents = new Map<string, Intent>();
  const charges = new Map<string, Json>();
  const replays = new Map<string, { status: number; body: Json }>();
  const failing = new Set<string>();
  const requests: FakeStripe['requests'] = [];
  const events: Json[] = [];

  const emit = (type: string, object: Json) =>
    events.push({
      id: id('evt'),
      object: 'event',
      api_version: '2026-10-28.endive',
      created: Math.floor(Date.now() / 1000),
      livemode: false,
      type,
      data: { object: structuredClone(object) },
    });
  const error = (status: number, err: Json) => ({ status, body: { error: err } });
  const expanded = (pi: Intent, expand: unknown) => {
    const wants = Object.values((expand as Json | undefined) ?? {}).includes('latest_charge');
    return wants && pi.latest_charge ? { ...pi, latest_charge: charges.get(pi.latest_charge) } : pi;
  };

  function handle(method: string, path: string, p: Json): { status: number; body: Json } {
    if (method !== 'POST')
      return error(404, { type: 'invalid_request_error', message: `Unrecognized request URL (${method}: ${path})` });
    if (path === '/v1/payment_intents') {
      const amount = Number(p.amount);
      if (!Number.isInteger(amount) || amount < 50)
        return error(400, {
          type: 'invalid_request_error',
          code: 'parameter_invalid_integer',
          param: 'amount',
          message: 'Invalid amount',
        });
      if (p.capture_method !== 'manual' || p.confirm !== 'true')
        return error(400, {
          type: 'invalid_request_error',
          message: 'this fake only supports confirm=true with capture_method=manual',
        });
      const pm = String(p.payment_method ?? '');
      const card = CARDS[pm];
      if (!card)
        return error(400, {
          type: 'invalid_request_error',
          code: 'resource_missing',
          param: 'payment_method',
          message: `No such PaymentMethod: '${pm}'`,
        });
      const pi: Intent = {
        id: id('pi'),
        object: 'payment_intent',
        amount,
        amount_received: 0,
        amount_capturable: 0,
        currency: String(p.currency),
        status: 'requires_capture',
        capture_method: 'manual',
        payment_method: pm,
        metadata: (p.metadata as Record<string, string>) ?? {},
        latest_charge: null,
        last_payment_error: null,
        receipt_email: (p.receipt_email as string) ?? null,
      };
      intents.set(pi.id, pi);
      if (card.decline) {
        const err = {
          type: 'card_error',
          code: 'card_declined',
          decline_code: card.decline,
          message: 'Your card was declined.',
          payment_intent: null as unknown,
        };
        Object.assign(pi, { status: 'requires_payment_method', last_payment_error: { ...err } });
        err.payment_intent = structuredClone(pi);
        emit('payment_intent.payment_failed', pi);
        return error(402, err);
      }
      if (card.action) {
        Object.assign(pi, { status: 'requires_action', next_action: { type: 'use_stripe_sdk' } });
        return { status: 200, body: expanded(pi, p.expand) as Json };
      }
      const charge = {
        id: id('ch'),
        object: 'charge',
        amount,
        amount_captured: 0,
        amount_refunded: 0,
        refunded: false,
        captured: false,
        payment_intent: pi.id,
        metadata: pi.metadata,
        payment_method_details: {
          type: 'card',
          card: { brand: card.brand, last4: card.last4, fingerprint: card.fingerprint },
        },
      };
      charges.set(charge.id, charge);
      Object.assign(pi, { latest_charge: charge.id, amount_capturable: amount });
      emit('payment_intent.amount_capturable_updated', pi);
      return { status: 200, body: expanded(pi, p.expand) as Json };
    }
    const m = /^\/v1\/payment_intents\/([^/]+)\/(capture|cancel)$/.exec(path);
    if (m) {
      const pi = intents.get(m[1]!);
      if (!pi)
        return error(404, {
          type: 'invalid_request_error',
          code: 'resource_missing',
          message: `No such payment_intent: '${m[1]}'`,
        });
      if (m[2] === 'capture') {
        if (pi.status !== 'requires_capture')
          return error(400, {
            type: 'invalid_request_error',
            code: 'payment_intent_unexpected_state',
            message: `This PaymentIntent could not be captured because it has a status of ${pi.status}.`,
          });
        const amount = p.amount_to_capture ? Number(p.amount_to_capture) : pi.amount;
        Object.assign(pi, { status: 'succeeded', amount_received: amount, amount_capturable: 0 });
        Object.assign(charges.get(pi.latest_charge!)!, { captured: true, amount_captured: amount });
        emit('payment_intent.succeeded', pi);
        return { status: 200, body: pi };
      }
      if (!['requires_capture', 'requires_payment_method', 'requires_action'].includes(pi.status))
        return error(400, {
          type: 'invalid_request_error',
          code: 'payment_intent_unexpected_state',
          message: `You cannot cancel this PaymentIntent because it has a status of ${pi.status}.`,
        });
      Object.assign(pi, {
        status: 'canceled',
        amount_capturable: 0,
        cancellation_reason: p.cancellation_reason ?? null,
      });
      emit('payment_intent.canceled', pi);
      return { status: 200, body: pi };
    }
    if (path === '/v1/refunds') {
      const pi = intents.get(String(p.payment_intent));
      if (!pi)
        return error(404, {
          type: 'invalid_request_error',
          code: 'resource_missing',
          message: `No such payment_intent: '${String(p.payment_intent)}'`,
        });
      const charge = charges.get(pi.latest_charge ?? '') as Json | undefined;
      if (!charge || pi.status !== 'succeeded')
        return error(400, {
          type: 'invalid_request_error',
          code: 'charge_not_captured',
          message: 'This charge has not been captured.',
        });
      const left = Number(charge.amount_captured) - Number(charge.amount_refunded);
      const amount = p.amount ? Number(p.amount) : left;
      if (amount > left)
        return error(400, {
          type: 'invalid_request_error',
          code: 'amount_too_large',
          message: `Refund amount ($${amount / 100}) is greater than unrefunded amount on charge ($${left / 100})`,
        });
      Object.assign(charge, { amount_refunded: Number(charge.amount_refunded) + amount, refunded: amount === left });
      emit('charge.refunded', charge);
      return {
        status: 200,
        body: {
          id: id('re'),
          object: 'refund',
          amount,
          payment_intent: pi.id,
          charge: charge.id,
          status: 'succeeded',
          metadata: p.metadata ?? {},
        },
      };
    }
    return error(404, { type: 'invalid_request_error', message: `Unrecognized request URL (${method}: ${path})` });
  }

  const server = http.createServer(async (req, res) => {
    const chunks: Buffer[] = [];
    for await (const c of req) chunks.push(c as Buffer);
    const params = decodeForm(Buffer.concat(chunks).toString('utf8'));
    const path = (req.url ?? '').split('?')[0]!;
    const key = (req.headers['idempotency-key'] as string | undefined) ?? null;
    const send = (status: number, body: Json, extra: Record<string, string> = {}) => {
      requests.push({ method: req.method!, path, idempotencyKey: key, params, status });
      res
        .writeHead(status, { 'content-type': 'application/json', 'request-id': id('req'), ...extra })
        .end(JSON.stringify(body));
    };
    if (req.headers.authorization !== `Bearer ${opts.secretKey}`)
      return send(401, { error: { type: 'invalid_request_error', message: 'Invalid API Key provided' } });
    if (failing.delete(path))
      return send(500, { error: { type: 'api_error', message: 'Something went wrong on our end (fake).' } });
    const replay = key ? replays.get(`${path}:${key}`) : undefined;
    if (replay) return send(replay.status, replay.body, { 'idempotent-replayed': 'true' });
    const result = handle(req.method ?? 'GET', path, params);
    if (key) replays.set(`${path}:${key}`, result);
    send(result.status, result.body);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    events,
    intents,
    failNext: (path) => failing.add(path),
    close: () =>
      new Promise((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
