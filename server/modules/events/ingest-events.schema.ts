import { z } from 'zod';
import { SHOPPER_EVENT_NAMES } from '@/inngest/events';

export const MAX_BATCH = 100;
const MAX_DATA_BYTES = 8 * 1024;

/** One shopper event. The client picks the id (a ULID/UUID) so a retried batch dedupes. */
export const shopperEventInput = z.object({
  id: z.string().min(8).max(128).regex(/^[A-Za-z0-9_.:-]+$/, 'id may only contain letters, digits and _ . : -'),
  name: z.enum(SHOPPER_EVENT_NAMES),
  ts: z.number().int().positive().optional(),
  data: z
    .record(z.string(), z.unknown())
    .default({})
    .refine((d) => JSON.stringify(d).length <= MAX_DATA_BYTES, `data must be at most ${MAX_DATA_BYTES} bytes of JSON`),
});

/** The batch envelope; each event is validated on its own so one bad event does not sink the rest. */
export const ingestBatchInput = z.object({
  events: z.array(z.unknown()).min(1).max(MAX_BATCH),
});

export type ShopperEventInput = z.infer<typeof shopperEventInput>;
