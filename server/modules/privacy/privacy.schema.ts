// Privacy request inputs, shared by tRPC, REST and the console form (client-safe: zod only).
import { z } from 'zod';

export const privacyRequestTypes = ['export', 'erase'] as const;
export type PrivacyRequestType = (typeof privacyRequestTypes)[number];

export const createPrivacyRequestInput = z.object({
  type: z.enum(privacyRequestTypes, 'type must be "export" or "erase"'),
  email: z.string().trim().toLowerCase().max(254).pipe(z.email('email must be a valid email address')),
  /** Ticket reference or why; staff-written, never the subject's data. */
  note: z.string().trim().max(300).default(''),
});
export type CreatePrivacyRequestInput = z.input<typeof createPrivacyRequestInput>;

export const privacyRequestIdInput = z.object({
  requestId: z.string().trim().regex(/^prq_[0-9A-Za-z]{10,40}$/, 'requestId must be a privacy request id (prq_…)'),
});

export const listPrivacyRequestsInput = z.object({
  limit: z.number().int().min(1).max(100).default(25),
});

export type PrivacyProgress = { step: string; label: string; status: 'pending' | 'running' | 'done'; rows: number | null };
