// The built-in provider (default, and in tests): authorises or declines by test card number
// (test-cards.ts) and tells the app what happened the way Stripe does, with signed webhooks
// posted over HTTP (local-webhooks.ts). It keeps no state of its own: the payments table
// already refuses illegal moves, and ids derive from idempotency keys so repeats agree.
import { createHash } from 'node:crypto';
import { InvalidError } from '@/server/errors';
import { buildLocalEvent, queueLocalWebhook } from './local-webhooks';
import type {
  PaymentProvider,
  ProviderAuthorizeInput,
  ProviderContext,
  ProviderPaymentRef,
  ProviderRefundInput,
} from './payment-provider';
import { fingerprintKey, localWebhookSecret } from './payments-config';
import { cardBrand, cardFingerprint, cardOutcome, isLuhnValid, normalizeCardNumber } from './test-cards';
import { verifySignedPayload } from './webhook-signature';

const derivedId = (prefix: string, key: string) =>
  `${prefix}_${createHash('sha256').update(key).digest('hex').slice(0, 24)}`;

function intent(
  ref: { paymentId: string; orderId: string; providerPaymentId: string },
  amountCents: number,
  currency: string,
  extra: Record<string, unknown> = {},
) {
  return {
    id: ref.providerPaymentId,
    object: 'payment_intent',
    amount: amountCents,
    currency,
    capture_method: 'manual',
    metadata: { paymentId: ref.paymentId, orderId: ref.orderId },
    ...extra,
  };
}

export function createLocalProvider(): PaymentProvider {
  return {
    name: 'local',

    async authorize(ctx: ProviderContext, input: ProviderAuthorizeInput) {
      const digits = normalizeCardNumber(input.paymentMethod);
      if (!isLuhnValid(digits))
        throw new InvalidError('paymentMethod: not a valid card number', { field: 'paymentMethod' });
      const providerPaymentId = derivedId('lpi', input.idempotencyKey);
      const outcome = cardOutcome(digits);
      const card = {
        fingerprint: cardFingerprint(digits, fingerprintKey()),
        last4: digits.slice(-4),
        brand: cardBrand(digits),
      };
      const currency = input.currency.toLowerCase();
      const ref = { ...input, providerPaymentId };
      if (outcome.kind === 'authorized') {
        await queueLocalWebhook(
          ctx.db,
          buildLocalEvent(
            'payment_intent.amount_capturable_updated',
            intent(ref, input.amountCents, currency, {
              status: 'requires_capture',
              amount_capturable: input.amountCents,
            }),
            input.idempotencyKey,
          ),
        );
        return { status: 'authorized', providerPaymentId, declineCode: null, message: null, ...card };
      }
      const error =
        outcome.kind === 'declined'
          ? { type: 'card_error', code: 'card_declined', decline_code: outcome.declineCode, message: outcome.message }
          : { type: 'api_error', code: 'processing_error', message: outcome.message };
      await queueLocalWebhook(
        ctx.db,
        buildLocalEvent(
          'payment_intent.payment_failed',
          intent(ref, input.amountCents, currency, { status: 'requires_payment_method', last_payment_error: error }),
          input.idempotencyKey,
        ),
      );
      return {
        status: outcome.kind,
        providerPaymentId,
        declineCode: outcome.kind === 'declined' ? outcome.declineCode : 'processing_error',
        message: outcome.message,
        ...card,
      };
    },

    async capture(ctx: ProviderContext, ref: ProviderPaymentRef & { amountCents: number }) {
      await queueLocalWebhook(
        ctx.db,
        buildLocalEvent(
          'payment_intent.succeeded',
          intent(ref, ref.amountCents, ref.currency, { status: 'succeeded', amount_received: ref.amountCents }),
          ref.idempotencyKey,
        ),
      );
      return { amountCapturedCents: ref.amountCents };
    },

    async void(ctx: ProviderContext, ref: ProviderPaymentRef) {
      await queueLocalWebhook(
        ctx.db,
        buildLocalEvent(
          'payment_intent.canceled',
          intent(ref, 0, ref.currency, { status: 'canceled' }),
          ref.idempotencyKey,
        ),
      );
    },

    async refund(ctx: ProviderContext, ref: ProviderRefundInput) {
      const refundId = derivedId('lre', ref.idempotencyKey);
      const captured = ref.capturedCents;
      const total = ref.refundedBeforeCents + ref.amountCents;
      await queueLocalWebhook(
        ctx.db,
        buildLocalEvent(
          'charge.refunded',
          {
            id: derivedId('lch', ref.providerPaymentId),
            object: 'charge',
            payment_intent: ref.providerPaymentId,
            amount: captured,
            amount_captured: captured,
            amount_refunded: total,
            refunded: total >= captured,
            metadata: { paymentId: ref.paymentId, orderId: ref.orderId },
          },
          ref.idempotencyKey,
        ),
      );
      return { refundId, amountCents: ref.amountCents };
    },

    verifyWebhook(rawBody: string, headers: Headers) {
      return verifySignedPayload(rawBody, headers, localWebhookSecret());
    },
  };
}
