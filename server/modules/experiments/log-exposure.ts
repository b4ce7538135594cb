// Exposure is written when the arm actually served, once per (experiment, unit): the primary
// key makes repeats a no-op, and a bounded in-process memory skips the round trip for the
// sessions this instance has already logged (a search session issues many queries).
import type { Db } from '@/server/db/client';

const MAX_REMEMBERED = 50_000;
let seen = new Set<string>();

export async function logExposure(db: Db, experimentId: string, unitKey: string, arm: string): Promise<void> {
  const key = `${experimentId}:${unitKey}`;
  if (seen.has(key)) return;
  await db.experimentExposure.createMany({ data: [{ experimentId, unitKey, arm }], skipDuplicates: true });
  if (seen.size >= MAX_REMEMBERED) seen = new Set();
  seen.add(key);
}

/** Tests start from a clean memory. */
export function forgetExposures(): void {
  seen = new Set();
}
