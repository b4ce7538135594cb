// The webhook events both providers send (Stripe's shapes; the local provider mimics them),
// validated after the signature check. Only the fields we use are checked; others pass.
import { z } from 'zod';
import type { StoredPaymentStatus } from './payment-status';

export const SUPPORTED_WEBHOOK_TYPES = [
  // Manual capture: the authorisation succeeded and the amount is held.
  'payment_intent.amount_capturable_updated',
  'payment_intent.succeeded',
  'payment_intent.canceled',
  'payment_intent.payment_failed',
  'charge.refunded',
] as const;
export type SupportedWebhookType = (typeof SUPPORTED_WEBHOOK_TYPES)[number];

export const webhookEnvelope = z.object({
  id: z.string().min(1).max(255),
  object: z.literal('event'),
  type: z.string().min(1).max(200),
  created: z.number().int().nonnegative(),
  data: z.object({ object: z.record(z.string(), z.unknown()) }),
});

const metadata = z.record(z.string(), z.string()).optional().default({});

const paymentIntent = z.object({
  id: z.string().min(1),
  object: z.literal('payment_intent'),
  amount: z.number().int().nonnegative(),
  amount_received: z.number().int().nonnegative().optional().default(0),
  currency: z.string().min(3).max(3),
  metadata,
  last_payment_error: z
    .object({
      type: z.string().optional(),
      code: z.string().nullish(),
      decline_code: z.string().nullish(),
      message: z.string().nullish(),
    })
    .nullish(),
});

const charge = z.object({
  id: z.string().min(1),
  object: z.literal('charge'),
  payment_intent: z.string().min(1),
  amount: z.number().int().nonnegative(),
  amount_captured: z.number().int().nonnegative().optional(),
  amount_refunded: z.number().int().nonnegative(),
  refunded: z.boolean(),
  metadata,
});

/** What applying an event needs, the same for every provider. */
export type PaymentWebhookEvent = {
  eventId: string;
  type: SupportedWebhookType;
  providerPaymentId: string;
  /** Our payment id from the provider-side metadata, when we set it. */
  paymentId: string | null;
  /** The status the event proves the payment reached. */
  status: StoredPaymentStatus;
  amountCapturedCents: number | null;
  amountRefundedCents: number | null;
  declineCode: string | null;
  message: string | null;
};

export class UnsupportedWebhookTypeError extends Error {
  constructor(readonly type: string) {
    super(`unsupported event type '${type}'; this endpoint accepts ${SUPPORTED_WEBHOOK_TYPES.join(', ')}`);
    this.name = 'UnsupportedWebhookTypeError';
  }
}

/** Throws ZodError (bad shape, naming the field) or UnsupportedWebhookTypeError. */
export function parseWebhookEvent(json: unknown): PaymentWebhookEvent {
  const env = webhookEnvelope.parse(json);
  if (!(SUPPORTED_WEBHOOK_TYPES as readonly string[]).includes(env.type))
    throw new UnsupportedWebhookTypeError(env.type);
  const type = env.type as SupportedWebhookType;
  if (type === 'charge.refunded') {
    const c = parseAt(charge, env.data.object);
    return {
      eventId: env.id,
      type,
      providerPaymentId: c.payment_intent,
      paymentId: c.metadata.paymentId ?? null,
      // A partial refund leaves the payment captured, with the refunded amount raised.
      status: c.refunded ? 'refunded' : 'captured',
      amountCapturedCents: c.amount_captured ?? null,
      amountRefundedCents: c.amount_refunded,
      declineCode: null,
      message: null,
    };
  }
  const pi = parseAt(paymentIntent, env.data.object);
  const base = {
    eventId: env.id,
    type,
    providerPaymentId: pi.id,
    paymentId: pi.metadata.paymentId ?? null,
    amountRefundedCents: null,
  };
  switch (type) {
    case 'payment_intent.amount_capturable_updated':
      return { ...base, status: 'authorized', amountCapturedCents: null, declineCode: null, message: null };
    case 'payment_intent.succeeded':
      return {
        ...base,
        status: 'captured',
        amountCapturedCents: pi.amount_received || pi.amount,
        declineCode: null,
        message: null,
      };
    case 'payment_intent.canceled':
      return { ...base, status: 'voided', amountCapturedCents: null, declineCode: null, message: null };
    case 'payment_intent.payment_failed': {
      const e = pi.last_payment_error;
      const declined = e?.type === 'card_error';
      return {
        ...base,
        status: declined ? 'declined' : 'failed',
        amountCapturedCents: null,
        declineCode: e?.decline_code ?? e?.code ?? null,
        message: e?.message ?? null,
      };
    }
  }
}

/** Parses a nested object so that issues name the full path (data.object.amount). */
function parseAt<T extends z.ZodType>(schema: T, value: unknown): z.output<T> {
  const r = schema.safeParse(value);
  if (r.success) return r.data;
  throw new z.ZodError(r.error.issues.map((i) => ({ ...i, path: ['data', 'object', ...i.path] })));
}
