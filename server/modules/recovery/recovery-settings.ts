// Cart recovery settings: how long a cart waits before the first email and the reminder, the
// holdout share that gets nothing (the experiment's control), the offer and whether marketing
// consent is required. The source is the published `recovery` policy (versioned, approved and
// rolled back like every policy; ADR 028). While none is published, the defaults
// apply, overridable by env (e.g. RECOVERY_DELAY=5s for tests and e2e): that is version
// "defaults"/"env". getRecoverySettings is the one reader; every attempt records its version.
import { z } from 'zod';
import type { Db } from '@/server/db/client';
import { getPublishedPolicy } from '@/server/modules/policies/policy-versions';
import type { RecoveryPolicy } from '@/server/modules/policies/policy-kinds';

const duration = z.string().regex(/^\d+(ms|s|m|h|d)$/, 'a duration such as 5s, 30m or 1h');

export const recoverySettingsSchema = z.object({
  delay: duration.default('1h'),
  reminderDelay: duration.default('23h'),
  holdoutShare: z.coerce.number().min(0).max(0.9).default(0.1),
  discount: z.boolean().default(true),
  consentRequired: z.boolean().default(true),
  /** 1 = no reminder, 0 = nothing is sent. */
  maxMessages: z.number().int().min(0).max(2).default(2),
  offer: z
    .object({
      type: z.enum(['percent', 'amount']),
      maxPercent: z.number().min(0).max(90),
      maxAmountCents: z.number().int().min(0).nullable(),
      expiresInHours: z.number().int().min(1),
    })
    .default({ type: 'percent', maxPercent: 90, maxAmountCents: null, expiresInHours: 48 }),
  /** Where the settings came from (`recovery-policy@v3`, `env` or `defaults`), recorded on every attempt. */
  version: z.string().default('defaults'),
});
export type RecoverySettings = z.output<typeof recoverySettingsSchema>;

/** The settings when no recovery policy is published: the defaults, overridable by env. */
export function envRecoverySettings(env: NodeJS.ProcessEnv = process.env): RecoverySettings {
  const overridden = ['RECOVERY_DELAY', 'RECOVERY_REMINDER_DELAY', 'RECOVERY_HOLDOUT_SHARE', 'RECOVERY_DISCOUNT'].some((k) => env[k] !== undefined);
  return recoverySettingsSchema.parse({
    delay: env.RECOVERY_DELAY || undefined,
    reminderDelay: env.RECOVERY_REMINDER_DELAY || undefined,
    holdoutShare: env.RECOVERY_HOLDOUT_SHARE || undefined,
    discount: env.RECOVERY_DISCOUNT === undefined ? undefined : env.RECOVERY_DISCOUNT !== 'off',
    version: overridden ? 'env' : 'defaults',
  });
}

/** A recovery policy body as the settings the flow runs on. */
export function settingsFromPolicy(body: RecoveryPolicy, version: string): RecoverySettings {
  return {
    delay: body.delay,
    reminderDelay: body.reminderDelay,
    holdoutShare: body.holdoutPercent / 100,
    discount: body.offer.enabled && body.maxMessagesPerCart > 0,
    consentRequired: body.consentRequired,
    maxMessages: body.maxMessagesPerCart,
    offer: {
      type: body.offer.type,
      maxPercent: body.offer.maxPercent,
      maxAmountCents: body.offer.type === 'amount' ? body.offer.maxAmountCents : null,
      expiresInHours: body.offer.expiresInHours,
    },
    version,
  };
}

/** The settings in force: the published recovery policy (cached, cache-bus invalidated), else env/defaults. */
export async function getRecoverySettings(db: Db, env: NodeJS.ProcessEnv = process.env): Promise<RecoverySettings> {
  const published = await getPublishedPolicy(db, 'recovery');
  return published ? settingsFromPolicy(published.body, published.label) : envRecoverySettings(env);
}
