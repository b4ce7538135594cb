import { z } from 'zod';

/** Every console setting, its schema and its default. Unknown keys are refused. */
export const SETTINGS = {
  /** Publishing a policy version needs a second person: its author cannot publish it. */
  'policy.four_eyes': { schema: z.boolean(), default: false },
} as const;
export type SettingKey = keyof typeof SETTINGS;
export type SettingValue<K extends SettingKey> = z.output<(typeof SETTINGS)[K]['schema']>;

export const updateSettingsInput = z.object({
  fourEyes: z.boolean(),
});
export type UpdateSettingsInput = z.input<typeof updateSettingsInput>;
