import { beforeAll, describe, expect, it } from 'vitest';
import { setEventStoreDb } from '@/inngest/runner/event-store';
import { useTestDatabase } from '@/server/db/testing';
import { staffAs } from '@/server/modules/auth/testing';
import { escalateReview } from '@/server/modules/reviews/decide-review';
import { enqueueReview } from '@/server/modules/reviews/enqueue-review';
import { createContext } from '../init';
import { createCaller } from '../root';

const getDb = useTestDatabase();
const db = () => getDb().prisma;
const caller = (role: Parameters<typeof staffAs>[0] = 'risk_analyst') =>
  createCaller(createContext({ headers: new Headers(), db: db(), staff: staffAs(role) }));

beforeAll(() => setEventStoreDb(db()));

describe('review queue', () => {
  it('enqueues once per subject, lists pending oldest-due first, and escalates on timeout', async () => {
    const now = new Date('2026-11-27T10:00:00Z');
    const a = await enqueueReview(db(), { kind: 'order_risk', subjectId: 'ord_a', score: 71, reasons: ['new customer'], slaMinutes: 30 }, now);
    const again = await enqueueReview(db(), { kind: 'order_risk', subjectId: 'ord_a', score: 10 }, now);
    expect(again.created).toBe(false);
    expect(again.item.id).toBe(a.item.id);
    expect(again.item.score).toBe(71);
    await enqueueReview(db(), { kind: 'order_risk', subjectId: 'ord_b', score: 55, slaMinutes: 10 }, now);

    const pending = await caller().reviews.list({});
    expect(pending.map((r) => r.subjectId)).toEqual(['ord_b', 'ord_a']);
    expect(pending[1]!.dueAt.toISOString()).toBe('2026-11-27T10:30:00.000Z');

    const escalated = await escalateReview(db(), a.item.id);
    expect(escalated?.status).toBe('escalated');
    expect(await caller().reviews.counts()).toMatchObject({ open: 1, escalated: 1 });
    expect(await caller().reviews.forSubject({ kind: 'order_risk', subjectId: 'ord_a' })).toMatchObject({ id: a.item.id, status: 'escalated' });
    expect(await caller().reviews.forSubject({ kind: 'order_risk', subjectId: 'ord_none' })).toBeNull();
  });

  it('takes exactly one decision per item, audits it and announces it to waiting flows', async () => {
    const { item } = await enqueueReview(db(), { kind: 'order_risk', subjectId: 'ord_c', score: 80 });
    const results = await Promise.allSettled([
      caller().reviews.decide({ reviewId: item.id, decision: 'approve', note: 'known customer' }),
      caller().reviews.decide({ reviewId: item.id, decision: 'reject' }),
    ]);
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    const refused = results.find((r) => r.status === 'rejected') as PromiseRejectedResult;
    expect(String(refused.reason.message)).toMatch(/already (approved|rejected)/);

    const decided = await caller().reviews.get({ reviewId: item.id });
    expect(['approved', 'rejected']).toContain(decided.status);
    const audit = await db().auditEvent.findMany({ where: { entityId: 'ord_c' } });
    expect(audit).toHaveLength(1);
    const events = await db().event.findMany({ where: { name: 'reviews/item.decided' } });
    expect(events).toHaveLength(1);
    expect(events[0]!.data).toMatchObject({ reviewId: item.id, subjectId: 'ord_c', kind: 'order_risk' });
  });

  it('needs review.decide to decide and names a missing review', async () => {
    const { item } = await enqueueReview(db(), { kind: 'order_risk', subjectId: 'ord_d' });
    await expect(caller('viewer').reviews.decide({ reviewId: item.id, decision: 'approve' })).rejects.toMatchObject({ code: 'FORBIDDEN' });
    await expect(caller().reviews.decide({ reviewId: 'rev_missing', decision: 'approve' })).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await expect(caller().reviews.decide({ reviewId: item.id, decision: 'maybe' as never })).rejects.toMatchObject({ code: 'BAD_REQUEST' });
    expect((await caller().reviews.get({ reviewId: item.id })).status).toBe('open');
  });
});
