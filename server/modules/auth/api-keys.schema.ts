import { z } from 'zod';
import { permissionList } from './team.schema';

export const createApiKeyInput = z.object({
  name: z.string().trim().min(2, 'Use at least 2 characters').max(80),
  permissions: permissionList,
});
export type CreateApiKeyInput = z.input<typeof createApiKeyInput>;

export const apiKeyIdInput = z.object({ id: z.string().trim().min(1).max(100) });

/** `lk_live_` + 43 URL-safe characters (32 random bytes). */
export const API_KEY_PATTERN = /^lk_live_[A-Za-z0-9_-]{43}$/;
