import { z } from 'zod';

export const requestResetInput = z.object({ email: z.string().trim().toLowerCase().email().max(254) });
export const resetPasswordInput = z.object({
  token: z.string().regex(/^[A-Za-z0-9_-]{43}$/, 'Invalid reset link'),
  password: z.string().min(10, 'Use at least 10 characters').max(200),
});
