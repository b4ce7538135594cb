// Shopper event ingestion: validate each event, store the valid ones once (by id), count
// and return the rejected ones with reasons, then publish what was new.
import type { Db } from '@/server/db/client';
import { insertEvents, type StoredEvent } from './insert-events';
import { shopperEventInput, type ShopperEventInput } from './ingest-events.schema';

export type Rejection = { index: number; id?: string; reasons: string[] };
export type IngestResult = { accepted: number; duplicates: string[]; rejected: Rejection[] };

// Clock skew we tolerate from browsers; beyond it the server's receive time is used.
const MAX_SKEW_MS = 24 * 3600 * 1000;

export async function ingestEvents(
  db: Db,
  raw: unknown[],
  opts: { publish?: (events: StoredEvent[]) => Promise<unknown>; now?: number } = {},
): Promise<IngestResult> {
  const now = opts.now ?? Date.now();
  const valid: ShopperEventInput[] = [];
  const rejected: Rejection[] = [];
  const seen = new Set<string>();
  raw.forEach((item, index) => {
    const parsed = shopperEventInput.safeParse(item);
    if (!parsed.success) {
      const id = typeof (item as { id?: unknown })?.id === 'string' ? (item as { id: string }).id : undefined;
      rejected.push({ index, id, reasons: parsed.error.issues.map((i) => `${i.path.join('.') || '(event)'}: ${i.message}`) });
    } else if (!seen.has(parsed.data.id)) {
      seen.add(parsed.data.id);
      valid.push(parsed.data);
    }
  });
  const events = valid.map((e) => ({ ...e, ts: e.ts && Math.abs(e.ts - now) <= MAX_SKEW_MS ? e.ts : now }));
  // With a publisher (real Inngest) nothing local fans these rows out.
  const { stored, inserted } = await insertEvents(db, events, { source: 'storefront', processed: Boolean(opts.publish) });
  const fresh = stored.filter((e) => inserted.has(e.id));
  if (opts.publish && fresh.length > 0) await opts.publish(fresh);
  if (rejected.length > 0) await countRejections(db, rejected.map((r) => reasonKey(r.reasons[0] ?? 'invalid')));
  return {
    accepted: fresh.length,
    duplicates: [...seen].filter((id) => !inserted.has(id)).concat(duplicatesWithinBatch(raw, seen)),
    rejected,
  };
}

/** Counts rejections per day and reason, e.g. after a rate limit, so none go unrecorded. */
export async function countRejections(db: Db, reasons: string[]): Promise<void> {
  const counts = new Map<string, number>();
  for (const r of reasons) counts.set(r, (counts.get(r) ?? 0) + 1);
  for (const [reason, n] of counts) {
    await db.$executeRaw`INSERT INTO event_rejections (day, reason, count) VALUES (CURRENT_DATE, ${reason}, ${n})
      ON CONFLICT (day, reason) DO UPDATE SET count = event_rejections.count + EXCLUDED.count`;
  }
}

/** "name: Invalid option…" → "name": the field is the stable part of a reason. */
function reasonKey(reason: string): string {
  return `invalid:${reason.split(':')[0]}`;
}

function duplicatesWithinBatch(raw: unknown[], unique: Set<string>): string[] {
  const ids = raw.map((r) => (r as { id?: unknown })?.id).filter((id): id is string => typeof id === 'string' && unique.has(id));
  return ids.filter((id, i) => ids.indexOf(id) !== i);
}
