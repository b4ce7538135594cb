import { beforeAll, describe, expect, it } from 'vitest';
import { setEventStoreDb } from '@/inngest/runner/event-store';
import { createContext } from '@/server/api/init';
import { createCaller } from '@/server/api/root';
import { decide } from '@/server/decisions/decide';
import { flushDecisionLog } from '@/server/decisions/decision-log';
import { useTestDatabase } from '@/server/db/testing';
import { createStaff } from '@/server/modules/auth/create-staff';
import { staffAs } from '@/server/modules/auth/testing';
import { enqueueReview } from './enqueue-review';
import { labelledExamples, listReviewLabels } from './review-stats';

const getDb = useTestDatabase();
const db = () => getDb().prisma;
const caller = (role: Parameters<typeof staffAs>[0] = 'risk_analyst', id?: string) =>
  createCaller(createContext({ headers: new Headers(), db: db(), staff: staffAs(role, id) }));

beforeAll(() => setEventStoreDb(db()));

describe('review queue governance', () => {
  it('assigns to me or to a staff member who can decide, filters by assignee, and audits it', async () => {
    const analyst = await createStaff(db(), { email: 'ana@luma.example', password: 'correct horse battery', roles: ['risk_analyst'] });
    const viewer = await createStaff(db(), { email: 'vic@luma.example', password: 'correct horse battery', roles: ['viewer'] });
    const { item } = await enqueueReview(db(), { kind: 'order_risk', subjectId: 'ord_assign', score: 60 });

    const me = caller('risk_analyst', 'staff_me');
    await me.reviews.assign({ reviewId: item.id, assignee: 'staff_me' });
    expect((await me.reviews.list({ assignee: 'staff_me' })).map((r) => r.id)).toEqual([item.id]);

    await me.reviews.assign({ reviewId: item.id, assignee: analyst.id });
    expect(await me.reviews.get({ reviewId: item.id })).toMatchObject({ assignee: analyst.id });
    expect(await me.reviews.list({ assignee: 'staff_me' })).toEqual([]);
    const { reviewers } = await me.reviews.reviewers();
    expect(reviewers.map((r) => r.email)).toEqual(['ana@luma.example']);

    // A viewer cannot decide, so cannot be given the item; nothing changes.
    await expect(me.reviews.assign({ reviewId: item.id, assignee: viewer.id })).rejects.toMatchObject({
      code: 'UNPROCESSABLE_CONTENT',
      message: expect.stringContaining(`assignee ${viewer.id}`),
    });
    expect((await me.reviews.get({ reviewId: item.id })).assignee).toBe(analyst.id);
    await expect(caller('viewer').reviews.assign({ reviewId: item.id, assignee: null })).rejects.toMatchObject({ code: 'FORBIDDEN' });

    const audit = await db().auditEvent.findMany({ where: { action: 'review.assign' }, orderBy: { seq: 'asc' } });
    expect(audit.map((a) => (a.after as { assignee: string }).assignee)).toEqual(['staff_me', analyst.id]);

    await me.reviews.decide({ reviewId: item.id, decision: 'approve' });
    await expect(me.reviews.assign({ reviewId: item.id, assignee: null })).rejects.toMatchObject({ code: 'CONFLICT' });
  });

  it('stores each decision as a label with the model decision it labels, and measures agreement with the model', async () => {
    // The risk decision for each order, as checkout makes it (the subject is the order id).
    const orders = ['ord_l1', 'ord_l2', 'ord_l3', 'ord_l4'];
    const decisionIds: string[] = [];
    for (const o of orders) decisionIds.push((await decide(db(), 'risk_score', o, {})).telemetry.decisionId);
    await flushDecisionLog();
    const now = Date.now();
    const scores = [85, 70, 20, null];
    const items = [];
    for (const [i, o] of orders.entries())
      items.push(
        (await enqueueReview(db(), { kind: 'order_risk', subjectId: o, score: scores[i] ?? null, slaMinutes: 30 }, new Date(now - (i + 1) * 20 * 60_000)))
          .item,
      );
    const stats = await caller().reviews.stats();
    expect(stats).toMatchObject({ depth: 4, unassigned: 4, overdue: 3 });
    expect(stats.oldestAgeMinutes).toBeGreaterThanOrEqual(80);
    expect(stats.oldestAgeMinutes).toBeLessThan(82);

    // Model leans: reject (85), reject (70), approve (20), none. Reviewer: reject, approve, approve, approve.
    const r = caller('risk_analyst', 'staff_rev');
    await r.reviews.decide({ reviewId: items[0]!.id, decision: 'reject' });
    await r.reviews.decide({ reviewId: items[1]!.id, decision: 'approve' });
    await r.reviews.decide({ reviewId: items[2]!.id, decision: 'approve' });
    await r.reviews.decide({ reviewId: items[3]!.id, decision: 'approve' });

    const labels = (await listReviewLabels(db(), { kind: 'order_risk' })).filter((l) => orders.includes(l.subjectId));
    expect(labels.map((l) => [l.subjectId, l.decisionId, l.modelRecommendation, l.label, l.reviewer])).toEqual([
      ['ord_l1', decisionIds[0], 'reject', 'reject', 'staff_rev'],
      ['ord_l2', decisionIds[1], 'reject', 'approve', 'staff_rev'],
      ['ord_l3', decisionIds[2], 'approve', 'approve', 'staff_rev'],
      ['ord_l4', decisionIds[3], null, 'approve', 'staff_rev'],
    ]);
    expect(labels[0]!.modelVersion).toBe('risk_score@builtin');
    // As training rows: the logged decision's numeric features with the reviewer's verdict.
    const examples = (await labelledExamples(db(), { kind: 'order_risk' })).filter((e) => decisionIds.includes(e.decisionId));
    expect(examples.map((e) => e.label)).toEqual([1, 0, 0, 0]);
    expect(Object.values(examples[0]!.features).every((v) => typeof v === 'number')).toBe(true);
    const after = await caller().reviews.stats();
    expect(after).toMatchObject({ depth: 0, oldestAgeMinutes: null });
    // With the first test's item (model leaned reject at 60, reviewer approved, no logged decision).
    expect(after.agreement).toMatchObject({ labels: 5, withModel: 4, agreed: 2, rate: 0.5 });
    expect(after.agreement.byModelVersion).toEqual([{ modelVersion: 'risk_score@builtin', withModel: 3, agreed: 2, rate: 2 / 3 }]);
  });
});
