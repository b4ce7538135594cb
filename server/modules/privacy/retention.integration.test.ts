// Retention on the real Postgres with back-dated rows: each rule removes (or anonymises) only
// what is past its age, and the nightly function applies every rule.
import { beforeAll, describe, expect, it } from 'vitest';
import { inngest } from '@/inngest/client';
import { functions } from '@/inngest/index';
import { createRunner } from '@/inngest/runner/driver';
import { setEventStoreDb } from '@/inngest/runner/event-store';
import { useTestDatabase } from '@/server/db/testing';
import { address, ensureStoreDefaults, freshCard, freshIp, makeVariant } from '@/server/modules/checkout/checkout.fixtures';
import { placeOrder } from '@/server/modules/checkout/place-order';
import { flushRiskSignalWrites } from '@/server/modules/risk/assess-checkout-risk';
import { emailHash, openEmail } from './contact-fields';
import { applyRetention, retentionDays, RETENTION_RULES } from './retention';

const getDb = useTestDatabase();
const db = () => getDb().prisma;
const q = (sql: string, params?: unknown[]) => getDb().query(sql, params);
const count = async (sql: string, params?: unknown[]) => Number((await q(sql, params)).rows[0]!.n);
const DAY = 86_400_000;

async function order(email: string) {
  const v = await makeVariant(db(), { stock: 3 });
  const r = await placeOrder(
    db(),
    { sessionKey: null, lines: [{ variantId: v.variantId, quantity: 1 }], email, shippingAddress: address, paymentMethod: freshCard(), idempotencyKey: `ret-${v.variantId}`, ipAddress: freshIp(), requestId: null },
    { publish: async () => undefined },
  );
  await flushRiskSignalWrites();
  return r.order.id;
}

beforeAll(async () => {
  (globalThis as unknown as { prisma: unknown }).prisma = db();
  setEventStoreDb(db());
  await ensureStoreDefaults(db());
}, 60_000);

describe('retention', () => {
  it('deletes or anonymises rows past their age and leaves younger ones alone', async () => {
    const now = new Date();
    const ago = (days: number) => new Date(now.getTime() - days * DAY);
    // Events: one 14 months old (processed), one 14 months old never processed, one fresh.
    await q(`INSERT INTO events (id, name, data, ts, processed_at) VALUES
      ('ev-old', 'shopper/page.viewed', '{"sessionKey":"v_old"}', $1, $1),
      ('ev-old-unprocessed', 'shopper/page.viewed', '{}', $1, NULL),
      ('ev-new', 'shopper/page.viewed', '{"sessionKey":"v_new"}', $2, $2)`, [ago(430), ago(2)]);
    await q(`INSERT INTO search_events (id, type, session_key, query, created_at) VALUES ('se-old', 'query', 'v_old', 'sofa', $1), ('se-new', 'query', 'v_new', 'sofa', $2)`, [ago(400), ago(1)]);
    await q(`INSERT INTO carts (id, session_key, created_at, updated_at) VALUES ('cart-old', 'v_old', $1, $1), ('cart-new', 'v_new', $2, $2)`, [ago(120), ago(10)]);
    await q(`INSERT INTO rate_limits (key, points, expire) VALUES ('checkout:10.0.0.1', 3, $1), ('checkout:10.0.0.2', 1, $2)`, [ago(1), new Date(now.getTime() + 60_000)]);
    await q(`INSERT INTO staff (id, email, password_hash) VALUES ('staff_ret', 'ret@luma.example', 'x')`);
    await q(`INSERT INTO staff_sessions (id, staff_id, expires_at) VALUES ('sess-old', 'staff_ret', $1), ('sess-new', 'staff_ret', $2)`, [ago(1), new Date(now.getTime() + DAY)]);
    await q(`INSERT INTO shopper_password_resets (id, shopper_id, expires_at) VALUES ('spr-old', 'shp_ret', $1), ('spr-new', 'shp_ret', $2)`, [ago(2), new Date(now.getTime() + 1_800_000)]);

    const oldOrder = await order('old.buyer@example.com');
    const newOrder = await order('new.buyer@example.com');
    // The old order was placed four years ago: its personal fields are past 3 years, its amounts are kept.
    await q(`UPDATE orders SET created_at = $2 WHERE id = $1`, [oldOrder, ago(1460)]);
    await q(`UPDATE payments SET created_at = $2 WHERE order_id = $1`, [oldOrder, ago(1460)]);
    await q(`UPDATE customers SET updated_at = $1 WHERE email_hash = $2`, [ago(1460), emailHash('old.buyer@example.com')]);
    await q(`UPDATE risk_signals SET placed_at = $2 WHERE order_id = $1`, [oldOrder, ago(1460)]);
    await q(`UPDATE decision_logs SET created_at = $2 WHERE subject_key = $1`, [oldOrder, ago(1460)]);
    await q(`UPDATE idempotency_keys SET created_at = $2 WHERE order_id = $1`, [oldOrder, ago(40)]);
    const oldTotal = Number((await q(`SELECT total_cents AS n FROM orders WHERE id = $1`, [oldOrder])).rows[0]!.n);

    const rows = await applyRetention(db(), now);

    expect(rows).toMatchObject({ events: 1, search_events: 1, carts: 1, rate_limits: 1, staff_sessions: 1, shopper_password_resets: 1, idempotency_keys: 1, risk_signals: 1, customers: 1 });
    expect(rows.decision_logs).toBeGreaterThanOrEqual(1);
    expect(rows.order_personal_fields).toBe(2); // the order and its payment
    expect((await q(`SELECT id FROM events ORDER BY id`)).rows.map((r) => r.id)).toEqual(expect.arrayContaining(['ev-new', 'ev-old-unprocessed']));
    expect(await count(`SELECT count(*) AS n FROM events WHERE id = 'ev-old'`)).toBe(0);
    expect(await count(`SELECT count(*) AS n FROM carts WHERE id = 'cart-new'`)).toBe(1);
    expect(await count(`SELECT count(*) AS n FROM rate_limits`)).toBe(1);
    expect(await count(`SELECT count(*) AS n FROM staff_sessions`)).toBe(1);
    expect((await q(`SELECT id FROM shopper_password_resets`)).rows.map((r) => r.id)).toEqual(['spr-new']);
    const old = (await q(`SELECT email, shipping_address, ip_address, total_cents FROM orders WHERE id = $1`, [oldOrder])).rows[0];
    expect(old).toEqual({ email: 'erased@invalid', shipping_address: { country: 'US', region: 'CA', erased: true }, ip_address: null, total_cents: oldTotal });
    const fresh = (await q(`SELECT email, email_hash FROM orders WHERE id = $1`, [newOrder])).rows[0]!;
    expect(openEmail(String(fresh.email))).toBe('new.buyer@example.com');
    expect(fresh.email_hash).toBe(emailHash('new.buyer@example.com'));
    expect(await count(`SELECT count(*) AS n FROM customers WHERE email_hash = '${emailHash('new.buyer@example.com')}'`)).toBe(1);
    // The anonymised order lost its blind index with its email.
    expect((await q(`SELECT email_hash FROM orders WHERE id = $1`, [oldOrder])).rows[0]).toEqual({ email_hash: null });

    // Idempotent: a second pass finds nothing more.
    const again = await applyRetention(db(), now);
    expect(Object.values(again).reduce((a, b) => a + b, 0)).toBe(0);
  });

  it('lets a deployment shorten (never lengthen) an age', () => {
    const events = RETENTION_RULES.find((r) => r.key === 'events')!;
    expect(retentionDays(events, {})).toBe(395);
    expect(retentionDays(events, { RETENTION_EVENTS_DAYS: '180' })).toBe(180);
    expect(retentionDays(events, { RETENTION_EVENTS_DAYS: '9999' })).toBe(395);
    expect(retentionDays(events, { RETENTION_EVENTS_DAYS: 'soon' })).toBe(395);
  });

  it('runs nightly as the apply-retention function, one step per rule', async () => {
    await q(`INSERT INTO carts (id, session_key, created_at, updated_at) VALUES ('cart-cron', 'v_cron', $1, $1)`, [new Date(Date.now() - 200 * DAY)]);
    const runner = createRunner({ db: db(), client: inngest, functions, pollMs: 20, log: () => undefined });
    await runner.tick();
    await q(`UPDATE job_crons SET next_run_at = now() - interval '1 minute' WHERE function_id = 'commerce-apply-retention'`);
    const t0 = Date.now();
    for (;;) {
      const r = await q(`SELECT status, output FROM job_runs WHERE function_id = 'commerce-apply-retention' AND status IN ('completed', 'failed')`);
      if (r.rows.length) {
        expect(r.rows[0]!.status).toBe('completed');
        expect(r.rows[0]!.output).toMatchObject({ carts: 1 });
        break;
      }
      if (Date.now() - t0 > 60_000) throw new Error('apply-retention did not run');
      if ((await runner.tick()) === 0) await new Promise((res) => setTimeout(res, 25));
    }
    const steps = await count(`SELECT count(*) AS n FROM job_steps s JOIN job_runs r ON r.id = s.run_id WHERE r.function_id = 'commerce-apply-retention' AND s.name LIKE 'retention-%'`);
    expect(steps).toBe(RETENTION_RULES.length);
    expect(await count(`SELECT count(*) AS n FROM carts WHERE id = 'cart-cron'`)).toBe(0);
  });
});
