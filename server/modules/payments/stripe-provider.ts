// Stripe through the official SDK: PaymentIntents confirmed at once with manual capture,
// capture, cancel, refunds, our idempotency keys passed through, webhooks verified with
// `stripe.webhooks.constructEvent`. Used when STRIPE_SECRET_KEY and STRIPE_WEBHOOK_SECRET are
// set; STRIPE_API_BASE points the SDK at another server (stripe-mock, or the fake in tests).
import Stripe from 'stripe';
import { InvalidError } from '@/server/errors';
import type {
  PaymentProvider,
  ProviderAuthorizeInput,
  ProviderPaymentRef,
  ProviderRefundInput,
} from './payment-provider';
import { PaymentProviderError } from './payment-provider';
import type { StripeConfig } from './payments-config';
import { verifySignedPayload } from './webhook-signature';

export function createStripeClient(config: StripeConfig): Stripe {
  const base = config.apiBase;
  return new Stripe(config.secretKey, {
    maxNetworkRetries: 2,
    timeout: 20_000,
    telemetry: false,
    ...(base
      ? {
          host: base.hostname,
          port: base.port || (base.protocol === 'http:' ? 80 : 443),
          protocol: base.protocol === 'http:' ? 'http' : 'https',
        }
      : {}),
  });
}

function wrap(err: unknown, action: string): never {
  if (err instanceof Stripe.errors.StripeError)
    throw new PaymentProviderError('stripe', `${action} failed: ${err.code ?? err.type}: ${err.message}`, err);
  throw new PaymentProviderError(
    'stripe',
    `${action} failed: ${err instanceof Error ? err.message : String(err)}`,
    err,
  );
}

export function createStripeProvider(config: StripeConfig): PaymentProvider {
  const stripe = createStripeClient(config);
  return {
    name: 'stripe',

    async authorize(_ctx, input: ProviderAuthorizeInput) {
      try {
        const pi = await stripe.paymentIntents.create(
          {
            amount: input.amountCents,
            currency: input.currency.toLowerCase(),
            payment_method: input.paymentMethod,
            // No redirect-based methods: a server-side confirm cannot send the shopper anywhere.
            automatic_payment_methods: { enabled: true, allow_redirects: 'never' },
            capture_method: 'manual',
            confirm: true,
            receipt_email: input.email,
            metadata: { paymentId: input.paymentId, orderId: input.orderId },
            expand: ['latest_charge'],
          },
          { idempotencyKey: `authorize:${input.idempotencyKey}` },
        );
        const card = cardOf(pi);
        if (pi.status === 'requires_capture')
          return { status: 'authorized', providerPaymentId: pi.id, declineCode: null, message: null, ...card };
        // 3-D Secure or another customer action: this checkout has no way to complete it, so
        // the intent is cancelled rather than left open until Stripe expires it (best effort:
        // a failed cancel leaves it to expire, holding nothing).
        await stripe.paymentIntents
          .cancel(pi.id, { cancellation_reason: 'abandoned' }, { idempotencyKey: `cancel-unfinished:${input.idempotencyKey}` })
          .catch(() => undefined);
        return {
          status: 'failed',
          providerPaymentId: pi.id,
          declineCode: pi.status,
          message: `The payment needs a step this checkout cannot complete (${pi.status}).`,
          ...card,
        };
      } catch (err) {
        if (err instanceof Stripe.errors.StripeCardError) {
          const pi = err.payment_intent as Stripe.PaymentIntent | undefined;
          return {
            status: 'declined',
            providerPaymentId: pi?.id ?? null,
            declineCode: err.decline_code ?? err.code ?? 'card_declined',
            message: err.message,
            fingerprint: null,
            last4: null,
            brand: null,
          };
        }
        // A PaymentMethod Stripe does not know is the caller's mistake (422), not an outage.
        if (err instanceof Stripe.errors.StripeInvalidRequestError && err.param === 'payment_method') {
          throw new InvalidError(`paymentMethod: ${err.message}`, { field: 'paymentMethod' });
        }
        wrap(err, 'authorize');
      }
    },

    async capture(_ctx, ref: ProviderPaymentRef & { amountCents: number }) {
      try {
        const pi = await stripe.paymentIntents.capture(
          ref.providerPaymentId,
          { amount_to_capture: ref.amountCents },
          { idempotencyKey: `capture:${ref.idempotencyKey}` },
        );
        return { amountCapturedCents: pi.amount_received };
      } catch (err) {
        wrap(err, 'capture');
      }
    },

    async void(_ctx, ref: ProviderPaymentRef) {
      try {
        await stripe.paymentIntents.cancel(
          ref.providerPaymentId,
          { cancellation_reason: 'requested_by_customer' },
          { idempotencyKey: `void:${ref.idempotencyKey}` },
        );
      } catch (err) {
        wrap(err, 'void');
      }
    },

    async refund(_ctx, ref: ProviderRefundInput) {
      try {
        const refund = await stripe.refunds.create(
          {
            payment_intent: ref.providerPaymentId,
            amount: ref.amountCents,
            metadata: { paymentId: ref.paymentId, orderId: ref.orderId },
          },
          { idempotencyKey: `refund:${ref.idempotencyKey}` },
        );
        return { refundId: refund.id, amountCents: refund.amount };
      } catch (err) {
        wrap(err, 'refund');
      }
    },

    verifyWebhook(rawBody: string, headers: Headers) {
      return verifySignedPayload(rawBody, headers, config.webhookSecret);
    },
  };
}

function cardOf(pi: Stripe.PaymentIntent) {
  const charge = typeof pi.latest_charge === 'object' ? pi.latest_charge : null;
  const card = charge?.payment_method_details?.card;
  return { fingerprint: card?.fingerprint ?? null, last4: card?.last4 ?? null, brand: card?.brand ?? null };
}
