// One verifier for both providers: Stripe's `Stripe-Signature: t=<unix>,v1=<hex HMAC-SHA256
// of "t.payload">` scheme, checked by the official SDK on the raw body. The local provider
// signs with the SDK's own helper, so a bug in either side shows up in tests.
import Stripe from 'stripe';

/** Older signatures are refused (replay protection); Stripe's default too. */
export const WEBHOOK_TOLERANCE_SECONDS = 300;

export class WebhookSignatureError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'WebhookSignatureError';
  }
}

export function verifySignedPayload(rawBody: string, headers: Headers, secret: string, nowMs?: number): unknown {
  const header = headers.get('stripe-signature');
  if (!header) throw new WebhookSignatureError('missing Stripe-Signature header');
  try {
    return Stripe.webhooks.constructEvent(rawBody, header, secret, WEBHOOK_TOLERANCE_SECONDS, undefined, nowMs);
  } catch (err) {
    if (err instanceof SyntaxError) throw new WebhookSignatureError('body is not JSON');
    // The SDK's messages say which check failed (no signature match, timestamp outside tolerance).
    const message = err instanceof Error ? err.message.split('\n')[0]! : String(err);
    throw new WebhookSignatureError(message);
  }
}

export function signPayload(payload: string, secret: string, timestampSeconds = Math.floor(Date.now() / 1000)): string {
  return Stripe.webhooks.generateTestHeaderString({ payload, secret, timestamp: timestampSeconds });
}
