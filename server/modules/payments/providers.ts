// Which provider handles what: new payments go to Stripe when it is configured, else to the
// local provider; an existing payment always goes back to the provider that made it.
import { createLocalProvider } from './local-provider';
import type { PaymentProvider } from './payment-provider';
import { stripeConfig } from './payments-config';
import { createStripeProvider } from './stripe-provider';

export const PROVIDER_NAMES = ['local', 'stripe'] as const;

const cache = new Map<string, PaymentProvider>();

/** A provider by name, or null when unknown or not configured (the webhook door answers 404). */
export function paymentProvider(name: string, env: NodeJS.ProcessEnv = process.env): PaymentProvider | null {
  if (name === 'local') {
    if (!cache.has('local')) cache.set('local', createLocalProvider());
    return cache.get('local')!;
  }
  if (name === 'stripe') {
    const config = stripeConfig(env);
    if (!config) return null;
    // Keyed by configuration so tests (and a rotated key) get a fresh client.
    const key = `stripe:${config.secretKey}:${config.webhookSecret}:${config.apiBase?.href ?? ''}`;
    if (!cache.has(key)) cache.set(key, createStripeProvider(config));
    return cache.get(key)!;
  }
  return null;
}

export function activeProvider(env: NodeJS.ProcessEnv = process.env): PaymentProvider {
  return (stripeConfig(env) && paymentProvider('stripe', env)) || paymentProvider('local', env)!;
}
