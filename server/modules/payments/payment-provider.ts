// The seam between the payments service and a payment processor. Two implementations:
// Stripe (stripe-provider.ts, when keys are configured) and the built-in local provider
// (local-provider.ts: deterministic test cards, real signed webhooks over HTTP).
import type { Db } from '@/server/db/client';

/** What a provider may need from the app: the local provider queues its webhooks in `db`. */
export type ProviderContext = { db: Db };

export type ProviderAuthorizeInput = {
  /** Our payment id, sent as metadata so a webhook can find the payment before we stored the provider's id. */
  paymentId: string;
  orderId: string;
  amountCents: number;
  currency: string;
  /** Local: a test card number. Stripe: a PaymentMethod id (pm_…). */
  paymentMethod: string;
  email: string;
  idempotencyKey: string;
};

export type ProviderAuthorization = {
  status: 'authorized' | 'declined' | 'failed';
  providerPaymentId: string | null;
  declineCode: string | null;
  message: string | null;
  fingerprint: string | null;
  last4: string | null;
  brand: string | null;
};

export type ProviderPaymentRef = {
  paymentId: string;
  orderId: string;
  providerPaymentId: string;
  currency: string;
  idempotencyKey: string;
};

export type ProviderRefundInput = ProviderPaymentRef & {
  amountCents: number;
  /** What was captured and already refunded before this refund (for the provider's event). */
  capturedCents: number;
  refundedBeforeCents: number;
};

export interface PaymentProvider {
  readonly name: string;
  /** Authorise only (manual capture): the money is held, not moved. Declines are results, not errors. */
  authorize(ctx: ProviderContext, input: ProviderAuthorizeInput): Promise<ProviderAuthorization>;
  capture(
    ctx: ProviderContext,
    ref: ProviderPaymentRef & { amountCents: number },
  ): Promise<{ amountCapturedCents: number }>;
  /** Cancels an uncaptured authorisation (Stripe: cancel the PaymentIntent). */
  void(ctx: ProviderContext, ref: ProviderPaymentRef): Promise<void>;
  refund(ctx: ProviderContext, ref: ProviderRefundInput): Promise<{ refundId: string; amountCents: number }>;
  /**
   * Verifies the signature over the raw body (Stripe's `Stripe-Signature` scheme for both
   * providers) and returns the parsed JSON. Throws WebhookSignatureError.
   */
  verifyWebhook(rawBody: string, headers: Headers): unknown;
}

/** The provider could not be reached or answered with an error that is not a decline (retriable). */
export class PaymentProviderError extends Error {
  constructor(
    readonly provider: string,
    message: string,
    readonly cause?: unknown,
  ) {
    super(`${provider}: ${message}`);
    this.name = 'PaymentProviderError';
  }
}
