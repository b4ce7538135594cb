// `npm run bench:exceptions`: end-to-end processing time of orders through the exception flow,
// automated (the risk policy accepts, rejects or holds; a reviewer acts only on held orders)
// vs the manual path (a reviewer acts on every order). A burst of orders is placed at once,
// as a morning backlog would be; one simulated reviewer takes the oldest pending item, spends
// REVIEW_MINUTES on it (scaled: one simulated minute = MS_PER_MINUTE real ms) and approves it.
// Times are from placement to paid/cancelled, reported as projected real minutes: the
// machine's own time as measured plus REVIEW_MINUTES for every review finished before the
// order ended (the scaled sleep replaced by the real minutes it stands for). On the embedded database by default, or
// BENCH_DATABASE_URL (a scratch database). Prints a JSON summary as its last line.
import { inngest } from '@/inngest/client';
import { functions } from '@/inngest/index';
import { createRunner } from '@/inngest/runner/driver';
import { createPrismaClient } from '@/server/db/client';
import { address, ensureStoreDefaults, freshCard, freshIp, makeVariant } from '@/server/modules/checkout/checkout.fixtures';
import { getOrder } from '@/server/modules/checkout/get-order';
import { placeOrder } from '@/server/modules/checkout/place-order';
import { transitionOrder } from '@/server/modules/checkout/transition-order';
import { decideReview } from '@/server/modules/reviews/decide-review';
import { listReviews } from '@/server/modules/reviews/list-reviews';
import { openBenchDatabase } from './bench-database';
import { orderPlacedEvent } from '@/server/modules/checkout/order-placed-event';
import { send } from '@/inngest/send';

process.env.RATE_LIMITS = 'off';

const ORDERS = Number(process.env.BENCH_ORDERS ?? 40);
const REVIEW_MINUTES = Number(process.env.REVIEW_MINUTES ?? 3);
const MS_PER_MINUTE = Number(process.env.MS_PER_MINUTE ?? 100);

const bench = await openBenchDatabase();
const db = createPrismaClient(bench.url, bench.poolMax);
// The store as it is after its first start: published policies, the trained risk model in production.
await ensureStoreDefaults(db);
(globalThis as unknown as { prisma: unknown }).prisma = db;
const runner = createRunner({ db, client: inngest, functions, pollMs: 10, log: () => undefined });
runner.start();

const pct = (xs: number[], p: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length ? s[Math.min(s.length - 1, Math.ceil((p / 100) * s.length) - 1)]! : 0;
};
const round = (x: number) => +x.toFixed(2);

const FIRST = ['maria', 'james', 'aiko', 'lena', 'omar', 'chloe', 'diego', 'priya', 'noah', 'ines', 'tom', 'sara'];
const LAST = ['gonzalez', 'smith', 'tanaka', 'muller', 'haddad', 'martin', 'rossi', 'patel', 'kim', 'silva', 'brown'];
const DOMAINS = ['gmail.com', 'outlook.com', 'icloud.com', 'yahoo.com'];

/** Different shoppers (own card and address) of varied shape, so the risk policy has something to tell apart. */
function shopper(i: number) {
  const big = i % 7 === 0;
  const abroad = i % 11 === 0;
  return {
    email: i % 13 === 0 ? `x${i}q${i * 7}z@mailinator.com` : `${FIRST[i % FIRST.length]}.${LAST[(i * 7) % LAST.length]}@${DOMAINS[i % DOMAINS.length]}`,
    quantity: big ? 6 : 1 + (i % 2),
    shippingAddress: abroad ? { ...address, country: 'NG', region: 'LA', city: 'Lagos', postalCode: '100001' } : address,
    billingAddress: i % 9 === 0 ? { ...address, line1: '1 Other Road', postalCode: '10001', city: 'New York', region: 'NY' } : undefined,
  };
}

async function scenario(mode: 'automated' | 'manual') {
  const variants = await Promise.all([makeVariant(db, { stock: 10_000, priceCents: 4_900 }), makeVariant(db, { stock: 10_000, priceCents: 89_900 })]);
  const t0 = Date.now();
  const ids: string[] = [];
  for (let i = 0; i < ORDERS; i++) {
    const s = shopper(i);
    const r = await placeOrder(
      db,
      {
        sessionKey: null,
        lines: [{ variantId: variants[i % 2]!.variantId, quantity: s.quantity }],
        email: s.email,
        shippingAddress: s.shippingAddress,
        billingAddress: s.billingAddress,
        paymentMethod: freshCard(),
        idempotencyKey: `${mode}-${i}-${t0}`,
        ipAddress: freshIp(),
        requestId: `bench-${mode}-${i}`,
      },
      {
        publish: async (orderId) => {
          // The manual path: a person checks every order before it is captured.
          if (mode === 'manual') {
            const o = await getOrder(db, orderId);
            if (o.status === 'authorized') await transitionOrder(db, orderId, 'in_review', { reason: 'manual review of every order', actor: 'bench' });
          }
          await send(orderPlacedEvent(orderId));
        },
      },
    );
    ids.push(r.order.id);
    if (process.env.BENCH_DEBUG) console.log(mode, r.outcome, r.risk?.score, JSON.stringify(r.risk?.reasons));
  }
  const placedMs = Date.now() - t0;

  // One reviewer works the queue oldest-due first until every order has ended.
  let reviewed = 0;
  const reviewDoneAt: number[] = [];
  const ended = new Set<string>();
  const deadline = Date.now() + 30 * 60_000;
  while (ended.size < ids.length && Date.now() < deadline) {
    const [next] = await listReviews(db, { status: 'pending', limit: 1 });
    if (next) {
      await new Promise((r) => setTimeout(r, REVIEW_MINUTES * MS_PER_MINUTE));
      await decideReview(db, { id: 'stf_bench', email: 'reviewer@bench' }, { reviewId: next.id, decision: 'approve', note: 'looks fine' });
      reviewed++;
      reviewDoneAt.push(Date.now());
    } else {
      await new Promise((r) => setTimeout(r, 20));
    }
    for (const id of ids) {
      if (ended.has(id)) continue;
      const o = await getOrder(db, id);
      if (['paid', 'cancelled', 'refunded'].includes(o.status)) ended.add(id);
    }
  }
  const durations: number[] = [];
  const held: number[] = [];
  const outcome: Record<string, number> = {};
  for (const id of ids) {
    const o = await getOrder(db, id);
    outcome[o.status] = (outcome[o.status] ?? 0) + 1;
    const end = o.paidAt ?? o.cancelledAt ?? o.refundedAt;
    if (!end) continue;
    const endMs = new Date(end).getTime();
    const k = reviewDoneAt.filter((t) => t <= endMs).length;
    const machineMs = endMs - new Date(o.createdAt).getTime() - k * REVIEW_MINUTES * MS_PER_MINUTE;
    const projected = Math.max(0, machineMs) / 60_000 + k * REVIEW_MINUTES;
    durations.push(projected);
    if (o.events.some((e) => e.to === 'in_review')) held.push(projected);
  }
  return {
    orders: ids.length,
    placedMs,
    reviewed,
    outcome,
    all: { p50: round(pct(durations, 50)), p95: round(pct(durations, 95)), max: round(pct(durations, 100)) },
    held: { n: held.length, p50: round(pct(held, 50)), p95: round(pct(held, 95)) },
    reviewerMinutes: reviewed * REVIEW_MINUTES,
  };
}

const automated = await scenario('automated');
console.log(`automated: ${JSON.stringify(automated)}`);
const manual = await scenario('manual');
console.log(`manual: ${JSON.stringify(manual)}`);
await runner.stop();
await db.$disconnect();
await bench.stop();
console.log(
  JSON.stringify({
    db: bench.embedded ? 'embedded' : 'server',
    orders: ORDERS,
    reviewMinutesPerOrder: REVIEW_MINUTES,
    unit: 'projected minutes from placement to paid/cancelled',
    automated,
    manual,
  }),
);
