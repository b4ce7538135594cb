// Payments configuration from the environment (all optional; see .env.example).

/** Dev default so `npm start` works out of the box; set PAYMENTS_LOCAL_WEBHOOK_SECRET anywhere shared. */
export const DEV_LOCAL_WEBHOOK_SECRET = 'whsec_local_dev_only_change_me';

export function localWebhookSecret(env: NodeJS.ProcessEnv = process.env): string {
  return env.PAYMENTS_LOCAL_WEBHOOK_SECRET || DEV_LOCAL_WEBHOOK_SECRET;
}

/** Key of the card fingerprint HMAC (local provider). */
export function fingerprintKey(env: NodeJS.ProcessEnv = process.env): string {
  return env.PAYMENTS_FINGERPRINT_KEY || localWebhookSecret(env);
}

/** Where the local provider posts its webhooks: this app unless told otherwise. */
export function localWebhookUrl(env: NodeJS.ProcessEnv = process.env): string {
  const base = env.PAYMENTS_WEBHOOK_BASE_URL || `http://127.0.0.1:${env.PORT || 3000}`;
  return `${base.replace(/\/$/, '')}/api/webhooks/payments/local`;
}

export type StripeConfig = { secretKey: string; webhookSecret: string; apiBase: URL | null };

/** Stripe is used when both keys are set. STRIPE_API_BASE points the SDK elsewhere (stripe-mock, tests). */
export function stripeConfig(env: NodeJS.ProcessEnv = process.env): StripeConfig | null {
  if (!env.STRIPE_SECRET_KEY || !env.STRIPE_WEBHOOK_SECRET) return null;
  return {
    secretKey: env.STRIPE_SECRET_KEY,
    webhookSecret: env.STRIPE_WEBHOOK_SECRET,
    apiBase: env.STRIPE_API_BASE ? new URL(env.STRIPE_API_BASE) : null,
  };
}

export type LocalDeliveryConfig = {
  /** First retry after this many ms, doubling per attempt. */
  backoffMs: number;
  maxAttempts: number;
  /** Test mode: each webhook is sent 1–3 times, each copy after a random delay up to `chaosSpreadMs`. */
  chaos: boolean;
  chaosSpreadMs: number;
};

export function localDeliveryConfig(env: NodeJS.ProcessEnv = process.env): LocalDeliveryConfig {
  return {
    backoffMs: Math.max(1, Number(env.PAYMENTS_LOCAL_WEBHOOK_BACKOFF_MS ?? 2000)),
    maxAttempts: Math.max(1, Number(env.PAYMENTS_LOCAL_WEBHOOK_MAX_ATTEMPTS ?? 8)),
    chaos: env.PAYMENTS_LOCAL_WEBHOOK_CHAOS === '1',
    chaosSpreadMs: Math.max(0, Number(env.PAYMENTS_LOCAL_WEBHOOK_CHAOS_SPREAD_MS ?? 3000)),
  };
}

/** Exponential backoff: base, 2×base, 4×base … capped at one hour. */
export function backoffDelayMs(attempt: number, baseMs: number): number {
  return Math.min(3_600_000, baseMs * 2 ** Math.max(0, attempt - 1));
}
