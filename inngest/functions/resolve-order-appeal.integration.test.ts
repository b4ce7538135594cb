// The reviewer's decision reaches the order through the event: approving an appeal in the
// queue reinstates the order on the embedded runner; other review kinds are left alone.
import { beforeAll, describe, expect, it } from 'vitest';
import { inngest } from '@/inngest/client';
import { createRunner, type Runner } from '@/inngest/runner/driver';
import { setEventStoreDb } from '@/inngest/runner/event-store';
import { useTestDatabase } from '@/server/db/testing';
import { makeRejectedOrder } from '@/server/modules/orders/orders.fixtures';
import { requestHumanReview } from '@/server/modules/privacy/request-human-review';
import { decideReview } from '@/server/modules/reviews/decide-review';
import { enqueueReview } from '@/server/modules/reviews/enqueue-review';
import { resolveOrderAppealFn } from './resolve-order-appeal';

const getDb = useTestDatabase();
let runner: Runner;

beforeAll(() => {
  (globalThis as unknown as { prisma: unknown }).prisma = getDb().prisma;
  setEventStoreDb(getDb().prisma);
  runner = createRunner({ db: getDb().prisma, client: inngest, functions: [resolveOrderAppealFn], pollMs: 20, log: () => undefined });
});

async function until(n: number, timeoutMs = 30_000) {
  const t0 = Date.now();
  for (;;) {
    const r = await getDb().query<{ n: number }>(`SELECT count(*)::int AS n FROM job_runs WHERE function_id = 'commerce-resolve-order-appeal' AND status = 'completed'`);
    if (r.rows[0]!.n >= n) return;
    if (Date.now() - t0 > timeoutMs) throw new Error('resolve-order-appeal did not finish');
    if ((await runner.tick()) === 0) await new Promise((r) => setTimeout(r, 25));
  }
}

describe('resolve-order-appeal on the embedded runner', () => {
  it('approving the appeal in the queue reinstates the order; another kind of review is skipped', async () => {
    const db = getDb().prisma;
    const o = await makeRejectedOrder(db, { stock: 4, quantity: 1 });
    const ack = await requestHumanReview(db, o.orderId, { sessionKey: o.sessionKey });
    await decideReview(db, { id: 'stf_rev', email: 'rev@luma.example' }, { reviewId: ack.reviewId, decision: 'approve', note: '' });
    const { item } = await enqueueReview(db, { kind: 'policy_version', subjectId: 'pol_x', score: null, reasons: [], summary: {}, slaMinutes: 60 });
    await decideReview(db, { id: 'stf_rev', email: 'rev@luma.example' }, { reviewId: item.id, decision: 'approve', note: '' });
    await until(2);
    expect((await db.order.findUniqueOrThrow({ where: { id: o.orderId } })).status).toBe('pending_payment');
    expect(await db.orderAppeal.count()).toBe(1);
  });
});
