// Cart recovery inputs (client-safe: zod only).
import { z } from 'zod';
import { emailInput } from '@/server/modules/checkout/checkout.schema';

/** What the checkout form sends as soon as the shopper has typed an email. Consent defaults to off. */
export const rememberContactInput = z.object({
  email: emailInput,
  marketingConsent: z.boolean({ error: 'marketingConsent must be true or false' }).default(false),
});
export type RememberContactInput = z.input<typeof rememberContactInput>;

export const recoveryReportInput = z.object({ days: z.number().int().min(1).max(365).default(30) });
export type RecoveryReportInput = z.input<typeof recoveryReportInput>;
