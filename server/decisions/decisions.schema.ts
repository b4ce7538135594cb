// Decision-log browsing inputs (console, tRPC, REST).
import { z } from 'zod';
import { modelKind } from '@/server/modules/models/model-kinds';

export const listDecisionsInput = z.object({
  kind: modelKind.optional(),
  modelVersion: z.string().trim().min(1).max(120).optional(),
  degraded: z.boolean().optional(),
  subjectKey: z.string().trim().min(1).max(128).optional(),
  limit: z.number().int().min(1).max(200).default(50),
  /** Id of the last row of the previous page (ids are time-sortable). */
  before: z.string().trim().min(1).max(64).optional(),
});
export type ListDecisionsInput = z.input<typeof listDecisionsInput>;

export const decisionIdInput = z.object({ id: z.string().trim().min(1).max(64) });

export const metricsInput = z.object({
  kind: modelKind,
  windowMinutes: z
    .number()
    .int()
    .min(1)
    .max(30 * 24 * 60)
    .default(24 * 60),
  bucketMinutes: z
    .number()
    .int()
    .min(1)
    .max(24 * 60)
    .default(15),
});
export type MetricsInput = z.input<typeof metricsInput>;

export const versionInsightsInput = z.object({
  versionId: z.string().trim().min(1).max(64),
  windowMinutes: z
    .number()
    .int()
    .min(5)
    .max(30 * 24 * 60)
    .default(24 * 60),
  bucketMinutes: z
    .number()
    .int()
    .min(1)
    .max(24 * 60)
    .default(60),
});
export type VersionInsightsInput = z.input<typeof versionInsightsInput>;
