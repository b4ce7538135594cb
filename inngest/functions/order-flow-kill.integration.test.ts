// Kill drills for the order exception flow across processes (issue #9, faults): a real worker
// process (`scripts/worker.ts`, the one `npm run worker` starts) is SIGKILLed while it is
// inside the flow — before capture, after the provider captured but before the step's result
// was recorded, and before mark-paid — and a fresh worker on the same database takes the run
// over when the lease lapses. Each time the order must end paid with its stock committed
// exactly once and one capture at the provider: never stuck, never double-charged.
// Needs a real Postgres server (TEST_DATABASE_URL): two processes cannot share PGlite.
import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { useTestDatabase } from '@/server/db/testing';
import { address, ensureStoreDefaults, freshCard, freshIp, makeVariant } from '@/server/modules/checkout/checkout.fixtures';
import { placeOrder } from '@/server/modules/checkout/place-order';
import { availableStock } from '@/server/modules/inventory/available-stock';

const WORKER = path.resolve(import.meta.dirname, '../../scripts/worker.ts');
const children: ChildProcess[] = [];

function worker(url: string, hang: string | null): { child: ChildProcess; hung: Promise<void> } {
  const child = spawn(process.execPath, ['--import', 'tsx', WORKER], {
    env: {
      ...process.env,
      DATABASE_URL: url,
      DATABASE_POOL_MAX: '4',
      ORDER_FLOW_HANG: hang ?? '',
      ORDER_FLOW_FAULTS: '',
      INNGEST_RUNNER_LEASE_MS: '1500',
      INNGEST_RUNNER_POLL_MS: '50',
      OTEL_SDK_DISABLED: 'true',
      LOG_LEVEL: 'warn',
    },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  children.push(child);
  const hung = new Promise<void>((resolve) => {
    child.stdout!.on('data', (b: Buffer) => {
      if (b.toString().includes('[faults] hanging at')) resolve();
    });
  });
  return { child, hung };
}

describe.skipIf(!process.env.TEST_DATABASE_URL)('killing the worker in the middle of an order exception flow', () => {
  const getDb = useTestDatabase();
  const db = () => getDb().prisma;
  let seq = 0;

  beforeAll(async () => {
    (globalThis as unknown as { prisma: unknown }).prisma = db();
    await ensureStoreDefaults(db());
  });
  afterAll(() => {
    for (const c of children) if (c.exitCode === null) c.kill('SIGKILL');
  });

  async function waitFor<T>(read: () => Promise<T>, ok: (v: T) => boolean, ms: number): Promise<T> {
    const t0 = Date.now();
    for (;;) {
      const v = await read();
      if (ok(v)) return v;
      if (Date.now() - t0 > ms) throw new Error(`timed out; last ${JSON.stringify(v)}`);
      await new Promise((r) => setTimeout(r, 100));
    }
  }

  it.each(['capture-payment', 'capture-payment:after', 'mark-paid'])(
    'killed at %s: a second worker finishes the flow; paid once, stock committed once',
    { timeout: 120_000 },
    async (point) => {
      const v = await makeVariant(db(), { stock: 5, priceCents: 3_000 });
      const r = await placeOrder(db(), {
        sessionKey: null,
        lines: [{ variantId: v.variantId, quantity: 2 }],
        email: `kill${++seq}@example.com`,
        shippingAddress: address,
        paymentMethod: freshCard(),
        idempotencyKey: `kill-${seq}-${Date.now()}`,
        ipAddress: freshIp(),
        requestId: 'req-kill',
      });
      expect(r.outcome).toBe('placed');
      const orderId = r.order.id;

      const first = worker(getDb().url, point);
      await first.hung;
      first.child.kill('SIGKILL');
      await new Promise((res) => first.child.once('exit', res));
      // Mid-flow: not paid yet, the units still held for it.
      expect((await db().order.findUniqueOrThrow({ where: { id: orderId } })).status).toBe('authorized');

      const second = worker(getDb().url, null);
      const order = await waitFor(
        () => db().order.findUniqueOrThrow({ where: { id: orderId } }),
        (o) => o.status === 'paid' || o.status === 'cancelled',
        40_000,
      );
      expect(order.status).toBe('paid');

      const variant = await db().productVariant.findUniqueOrThrow({ where: { id: v.variantId } });
      expect(variant.stockOnHand).toBe(3); // committed once: 5 − 2
      expect((await availableStock(db(), [v.variantId])).get(v.variantId)).toBe(3);
      const reservations = await db().inventoryReservation.findMany({ where: { orderId } });
      expect(reservations.map((x) => x.status)).toEqual(['committed']);
      const payment = await db().payment.findFirstOrThrow({ where: { orderId } });
      const captures = await db().paymentOperation.findMany({ where: { kind: 'capture', paymentId: payment.id } });
      expect(captures).toHaveLength(1);
      expect(captures[0]!.status).toBe('succeeded');
      expect(payment.amountCapturedCents).toBe(r.order.totalCents);
      const paidEvents = await db().orderEvent.count({ where: { orderId, toStatus: 'paid' } });
      expect(paidEvents).toBe(1);
      // The run itself completes (notifications after mark-paid), in the second process.
      const runs = await waitFor(
        async () =>
          (
            await getDb().query<{ status: string }>(
              `SELECT status::text AS status FROM job_runs WHERE function_id = 'commerce-process-order' AND event->'data'->>'orderId' = $1`,
              [orderId],
            )
          ).rows.map((x) => x.status),
        (s) => s[0] === 'completed' || s[0] === 'failed',
        30_000,
      );
      second.child.kill('SIGTERM');
      expect(runs).toEqual(['completed']);
    },
  );
});
