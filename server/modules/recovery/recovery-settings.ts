// Cart recovery settings: how long a cart waits before the first email and the reminder, the
// holdout share that gets nothing (the experiment's control), whether a discount is offered
// and whether marketing consent is required. Defaults per the issue, overridable by env
// (e.g. RECOVERY_DELAY=5s for tests and e2e). A `recovery` policy kind can replace the env
// source later without changing callers (getRecoverySettings is the one reader).
import { z } from 'zod';

const duration = z.string().regex(/^\d+(ms|s|m|h|d)$/, 'a duration such as 5s, 30m or 1h');

export const recoverySettingsSchema = z.object({
  delay: duration.default('1h'),
  reminderDelay: duration.default('23h'),
  holdoutShare: z.coerce.number().min(0).max(0.9).default(0.1),
  discount: z.boolean().default(true),
  consentRequired: z.boolean().default(true),
  /** Where the settings came from, recorded on every attempt. */
  version: z.string().default('defaults'),
});
export type RecoverySettings = z.output<typeof recoverySettingsSchema>;

export function getRecoverySettings(env: NodeJS.ProcessEnv = process.env): RecoverySettings {
  const overridden = ['RECOVERY_DELAY', 'RECOVERY_REMINDER_DELAY', 'RECOVERY_HOLDOUT_SHARE', 'RECOVERY_DISCOUNT'].some((k) => env[k] !== undefined);
  return recoverySettingsSchema.parse({
    delay: env.RECOVERY_DELAY || undefined,
    reminderDelay: env.RECOVERY_REMINDER_DELAY || undefined,
    holdoutShare: env.RECOVERY_HOLDOUT_SHARE || undefined,
    discount: env.RECOVERY_DISCOUNT === undefined ? undefined : env.RECOVERY_DISCOUNT !== 'off',
    version: overridden ? 'env' : 'defaults',
  });
}
