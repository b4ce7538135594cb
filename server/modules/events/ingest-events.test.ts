import { describe, expect, it } from 'vitest';
import { useTestDatabase } from '@/server/db/testing';
import { createTokenBucket } from '@/server/lib/rate-limit';
import { ingestEvents } from './ingest-events';

const getDb = useTestDatabase();
const ev = (id: string, name = 'shopper/page.viewed', data: Record<string, unknown> = { path: '/' }) => ({ id, name, data });

describe('ingestEvents', () => {
  it('stores valid events once, returns duplicates, rejects invalid ones with reasons and counts them', async () => {
    const db = getDb().prisma;
    const first = await ingestEvents(db, [ev('evt-00000001'), ev('evt-00000002', 'shopper/product.clicked', { productId: 'p1' }), { id: 'bad' }, ev('evt-00000003', 'nope/unknown')]);
    expect(first.accepted).toBe(2);
    expect(first.duplicates).toEqual([]);
    expect(first.rejected.map((r) => r.index)).toEqual([2, 3]);
    expect(first.rejected[0]!.reasons.some((r) => r.startsWith('id:'))).toBe(true);
    expect(first.rejected[1]!.reasons[0]).toMatch(/^name:/);

    const again = await ingestEvents(db, [ev('evt-00000001'), ev('evt-00000004'), ev('evt-00000004')]);
    expect(again).toMatchObject({ accepted: 1, duplicates: ['evt-00000001', 'evt-00000004'], rejected: [] });

    const stored = await getDb().query<{ n: number }>(`SELECT count(*)::int AS n FROM events WHERE source = 'storefront'`);
    expect(stored.rows[0]!.n).toBe(3);
    const rejections = await getDb().query<{ reason: string; count: number }>(`SELECT reason, count FROM event_rejections ORDER BY reason`);
    expect(rejections.rows).toEqual([{ reason: 'invalid:id', count: 1 }, { reason: 'invalid:name', count: 1 }]);
  });

  it('hands new events to a publisher (real Inngest) and marks them processed', async () => {
    const published: string[] = [];
    const res = await ingestEvents(getDb().prisma, [ev('evt-00000010'), ev('evt-00000001')], { publish: async (e) => published.push(...e.map((x) => x.id)) });
    expect(res.accepted).toBe(1);
    expect(published).toEqual(['evt-00000010']);
    const row = await getDb().query<{ processed: boolean }>(`SELECT processed_at IS NOT NULL AS processed FROM events WHERE id = 'evt-00000010'`);
    expect(row.rows[0]!.processed).toBe(true);
  });
});

describe('createTokenBucket', () => {
  it('allows a burst, then refills at the configured rate', () => {
    let t = 0;
    const bucket = createTokenBucket({ capacity: 10, refillPerSec: 5, now: () => t });
    expect(bucket.take('ip', 10).ok).toBe(true);
    expect(bucket.take('ip', 1)).toEqual({ ok: false, retryAfterMs: 200 });
    expect(bucket.take('other', 1).ok).toBe(true);
    t = 1000;
    expect(bucket.take('ip', 5).ok).toBe(true);
    expect(bucket.take('ip', 1).ok).toBe(false);
  });
});
