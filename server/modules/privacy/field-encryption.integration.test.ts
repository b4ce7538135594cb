// Field-level encryption of orders' and customers' contact data on the real Postgres (ADR 027):
// raw rows hold no email or address in clear, every reader still sees them, lookups by email
// go through the blind index, key rotation re-encrypts and re-indexes, and the backfill of
// legacy plaintext rows survives an interrupted batch and a stopped run.
import { createHash, randomBytes } from 'node:crypto';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { setEventStoreDb } from '@/inngest/runner/event-store';
import { useTestDatabase } from '@/server/db/testing';
import { newId } from '@/server/lib/ids';
import { address, ensureStoreDefaults, freshCard, freshIp, makeVariant } from '@/server/modules/checkout/checkout.fixtures';
import { getOrder, getOrderForShopper, listOrders } from '@/server/modules/checkout/get-order';
import { listPlacedOrders } from '@/server/modules/checkout/order-history';
import { ordersOfSession } from '@/server/modules/checkout/orders-of-session';
import { placeOrder } from '@/server/modules/checkout/place-order';
import { EXPORT_STEPS } from './export-steps';
import { countPlaintextContacts, encryptBackfill, encryptionStatus } from './encrypt-backfill';
import { scanForIdentifiers } from './pii-scan';
import { resolveSubject } from './subject';

const getDb = useTestDatabase();
const db = () => getDb().prisma;
const q = <R extends Record<string, unknown>>(sql: string, params?: unknown[]) => getDb().query<R>(sql, params);

const DEV_PII = `dev:${createHash('sha256').update('dev-only-pii-encryption-key-change-me').digest('base64')}`;
const DEV_IDENTITY = 'k0:dev-only-identity-token-secret-change-me';
const saved = { pii: process.env.PII_ENCRYPTION_KEYS, ident: process.env.IDENTITY_TOKEN_KEYS };
afterEach(() => {
  for (const [k, v] of [['PII_ENCRYPTION_KEYS', saved.pii], ['IDENTITY_TOKEN_KEYS', saved.ident]] as const) {
    if (v === undefined) delete process.env[k];
    else process.env[k] = v;
  }
});

beforeAll(async () => {
  setEventStoreDb(db());
  await ensureStoreDefaults(db());
});

async function order(email: string, sessionKey: string | null = null) {
  const v = await makeVariant(db(), { stock: 5 });
  const r = await placeOrder(
    db(),
    {
      sessionKey,
      lines: [{ variantId: v.variantId, quantity: 1 }],
      email,
      shippingAddress: { ...address, name: 'Ada Byron King', line1: '41 Cipher Row' },
      billingAddress: { ...address, name: 'Ada Byron King', line1: '7 Ledger Lane', postalCode: 'N1 9GU', country: 'GB', region: undefined },
      paymentMethod: freshCard(),
      idempotencyKey: `fe-${newId('k')}`,
      ipAddress: freshIp(),
      requestId: null,
    },
    { publish: async () => undefined },
  );
  return r.order;
}

const PERSONAL = ['ada.cipher', 'Byron', 'Cipher Row', 'Ledger Lane', '94105', 'N1 9GU', 'San Francisco'];

describe('contact data encrypted at rest', () => {
  it('writes no email or address in clear, and every reader and lookup by email still works', async () => {
    const sessionKey = `v_${newId('s')}`;
    const placed = await order('Ada.Cipher@Example.com', sessionKey);
    expect(placed.email).toBe('ada.cipher@example.com');

    const raw = (await q<{ email: string; email_hash: string; ship: string; bill: string }>(
      `SELECT email, email_hash, shipping_address::text AS ship, billing_address::text AS bill FROM orders WHERE id = $1`,
      [placed.id],
    )).rows[0]!;
    expect(raw.email).toMatch(/^enc:v1:dev:/);
    expect(raw.email_hash).toMatch(/^et_[0-9a-f]{32}$/);
    // Country and region stay readable (tax); nothing else.
    expect(JSON.parse(raw.ship)).toEqual({ country: 'US', region: 'CA', sealed: expect.stringMatching(/^enc:v1:dev:/) });
    expect(JSON.parse(raw.bill)).toEqual({ country: 'GB', sealed: expect.stringMatching(/^enc:v1:dev:/) });
    const customer = (await q<{ email: string; email_hash: string }>(`SELECT email, email_hash FROM customers WHERE id = $1`, [placed.customerId])).rows[0]!;
    expect(customer.email).toMatch(/^enc:v1:/);
    expect(customer.email_hash).toBe(raw.email_hash);
    // The first answer kept for a retried placement is sealed too.
    const stored = (await q<{ result: string }>(`SELECT result::text AS result FROM idempotency_keys WHERE order_id = $1`, [placed.id])).rows[0]!;
    expect(JSON.parse(stored.result)).toEqual({ sealed: expect.stringMatching(/^enc:v1:dev:/) });
    const hits = await scanForIdentifiers(q, PERSONAL, { tables: ['orders', 'customers', 'idempotency_keys'] });
    expect(hits).toEqual([]);

    // Readers: the order view (console, storefront, mail, the order flow), lists, history.
    const view = await getOrder(db(), placed.id);
    expect(view.email).toBe('ada.cipher@example.com');
    expect(view.shippingAddress).toMatchObject({ name: 'Ada Byron King', line1: '41 Cipher Row', city: 'San Francisco', postalCode: '94105', country: 'US' });
    expect(view.billingAddress).toMatchObject({ line1: '7 Ledger Lane', country: 'GB' });
    expect((await getOrderForShopper(db(), placed.id, { sessionKey: null, email: ' ADA.CIPHER@example.com' })).id).toBe(placed.id);
    await expect(getOrderForShopper(db(), placed.id, { sessionKey: null, email: 'someone@example.com' })).rejects.toThrow(/not found/i);
    expect((await ordersOfSession(db(), sessionKey)).map((o) => [o.id, o.email])).toEqual([[placed.id, 'ada.cipher@example.com']]);
    expect((await listPlacedOrders(db(), { since: new Date(Date.now() - 60_000) })).find((o) => o.orderId === placed.id)?.email).toBe('ada.cipher@example.com');

    // Lookup by email through the blind index: the console filter, one customer per email.
    const second = await order('ada.cipher@example.com');
    expect(second.customerId).toBe(placed.customerId);
    const listed = await listOrders(db(), { email: 'ada.cipher@example.com', limit: 10 });
    expect(listed.items.map((i) => i.id).sort()).toEqual([placed.id, second.id].sort());
    expect(listed.items.every((i) => i.email === 'ada.cipher@example.com')).toBe(true);

    // Privacy: the subject is found through the index, the export bundle is in clear.
    const subject = await resolveSubject(db(), 'ada.cipher@example.com');
    expect(subject.orderIds.sort()).toEqual([placed.id, second.id].sort());
    expect(subject.customerIds).toEqual([placed.customerId]);
    expect(subject.streets).toEqual(expect.arrayContaining(['41 Cipher Row', '7 Ledger Lane']));
    const exported = (await EXPORT_STEPS.find((s) => s.key === 'export-orders')!.collect(db(), subject)) as { email: string; shippingAddress: { line1: string } }[];
    expect(exported.map((o) => [o.email, o.shippingAddress.line1])).toEqual([
      ['ada.cipher@example.com', '41 Cipher Row'],
      ['ada.cipher@example.com', '41 Cipher Row'],
    ]);
    expect(await encryptionStatus(db())).toEqual({
      inClear: { customersEmail: 0, ordersEmail: 0, ordersShippingAddress: 0, ordersBillingAddress: 0, shoppersEmail: 0, recoveryContactsEmail: 0, mailRecipients: 0, webhookSecrets: 0 },
      totalInClear: 0,
      currentKeyId: 'dev',
      developmentKeys: ['PII_ENCRYPTION_KEYS', 'IDENTITY_TOKEN_KEYS'],
    });
  });

  it('rotates keys: new values under the new keys, old ones re-encrypted and re-indexed, duplicate customers merged', async () => {
    const before = await order('rotate.me@example.com');
    const k2 = `k2:${randomBytes(32).toString('base64')}`;
    process.env.PII_ENCRYPTION_KEYS = `${k2},${DEV_PII}`;
    process.env.IDENTITY_TOKEN_KEYS = `i2:${randomBytes(24).toString('hex')},${DEV_IDENTITY}`;
    // Old rows still read and are still found by email while both keys are listed.
    expect((await getOrder(db(), before.id)).email).toBe('rotate.me@example.com');
    const during = await order('rotate.me@example.com');
    expect((await listOrders(db(), { email: 'rotate.me@example.com', limit: 10 })).items).toHaveLength(2);
    // A checkout under the new token key made a second customer row for the same email.
    expect(during.customerId).not.toBe(before.customerId);

    const r = await encryptBackfill(db(), { mode: 'rotate', batchSize: 3 });
    expect(r.complete).toBe(true);
    expect(r.customers.merged).toBeGreaterThanOrEqual(1);
    const rows = (await q<{ id: string; email: string; email_hash: string; customer_id: string; ship: string }>(
      `SELECT id, email, email_hash, customer_id, shipping_address->>'sealed' AS ship FROM orders WHERE id = ANY($1::text[])`,
      [[before.id, during.id]],
    )).rows;
    expect(rows.every((o) => o.email.startsWith('enc:v1:k2:') && o.ship.startsWith('enc:v1:k2:'))).toBe(true);
    expect(new Set(rows.map((o) => o.email_hash)).size).toBe(1);
    expect(new Set(rows.map((o) => o.customer_id)).size).toBe(1);
    const anyOld = await q<{ n: number }>(`SELECT count(*)::int AS n FROM orders WHERE email LIKE 'enc:v1:dev:%' OR shipping_address->>'sealed' LIKE 'enc:v1:dev:%'`);
    expect(anyOld.rows[0]!.n).toBe(0);

    // The old keys can now go: everything reads and is found under the new ones alone.
    process.env.PII_ENCRYPTION_KEYS = k2;
    process.env.IDENTITY_TOKEN_KEYS = process.env.IDENTITY_TOKEN_KEYS.split(',')[0]!;
    expect((await getOrder(db(), before.id)).shippingAddress.line1).toBe('41 Cipher Row');
    const found = await listOrders(db(), { email: 'rotate.me@example.com', limit: 10 });
    expect(found.items.map((i) => i.id).sort()).toEqual([before.id, during.id].sort());
    expect((await resolveSubject(db(), 'rotate.me@example.com')).customerIds).toHaveLength(1);
    // A second rotation run has nothing left to do.
    const again = await encryptBackfill(db(), { mode: 'rotate' });
    expect(again.orders.updated + again.customers.updated).toBe(0);
  });

  it('backfills legacy plaintext rows in batches, survives an interrupted batch and a stopped run, and merges a customer seen twice', async () => {
    const emails = Array.from({ length: 7 }, (_, i) => `legacy${i}@example.com`);
    const ids: string[] = [];
    for (const email of emails) {
      const cus = newId('cus');
      await q(`INSERT INTO customers (id, email, created_at, updated_at) VALUES ($1, $2, now() - interval '1 day', now() - interval '1 day')`, [cus, email]);
      const id = newId('ord');
      ids.push(id);
      await q(
        `INSERT INTO orders (id, customer_id, email, subtotal_cents, discount_cents, tax_cents, shipping_cents, total_cents, shipping_address, billing_address, updated_at)
         VALUES ($1, $2, $3, 1000, 0, 0, 0, 1000, $4::jsonb, NULL, now())`,
        [id, cus, email, JSON.stringify({ ...address, name: `Legacy Person ${email.slice(6, 7)}`, line1: `${email.slice(6, 7)} Old Street` })],
      );
    }
    const secretId = newId('whe');
    await q(`INSERT INTO webhook_endpoints (id, url, secret, created_by) VALUES ($1, 'http://127.0.0.1:9/x', 'whsec_bGVnYWN5LXNlY3JldC1sZWdhY3ktc2VjcmV0', 'owner')`, [secretId]);
    // Before the backfill reaches it, the same shopper checks out again (new row, with the index).
    const fresh = await order(emails[0]!);
    const legacyCustomer0 = (await q<{ customer_id: string }>(`SELECT customer_id FROM orders WHERE id = $1`, [ids[0]])).rows[0]!.customer_id;
    expect(fresh.customerId).not.toBe(legacyCustomer0);
    // Legacy rows read as they are and are found by email even before the backfill.
    expect((await getOrder(db(), ids[3]!)).email).toBe('legacy3@example.com');
    expect((await resolveSubject(db(), 'legacy3@example.com')).orderIds).toEqual([ids[3]]);
    const plaintext = await countPlaintextContacts(db());
    expect(plaintext).toMatchObject({ customersEmail: 7, ordersEmail: 7, ordersShippingAddress: 7, webhookSecrets: 1 });

    // 1. A batch that dies after its writes (a crash mid-batch): the transaction rolls back,
    //    batches before it stay done.
    await expect(
      encryptBackfill(db(), {
        batchSize: 2,
        afterBatchWrites: (table, n) => {
          if (table === 'orders' && n === 5) throw new Error('killed mid-batch');
        },
      }),
    ).rejects.toThrow('killed mid-batch');
    const afterCrash = await countPlaintextContacts(db());
    expect(afterCrash.customersEmail).toBe(0);
    expect(afterCrash.ordersEmail).toBe(5);
    const firstBatch = (await q<{ id: string; email: string }>(`SELECT id, email FROM orders WHERE id = ANY($1::text[]) AND email LIKE 'enc:v1:%'`, [ids])).rows;
    expect(firstBatch).toHaveLength(2);

    // 2. A run stopped after one batch, then a full run: done rows are not rewritten.
    const progress: string[] = [];
    const partial = await encryptBackfill(db(), { batchSize: 2, maxBatches: 1, onProgress: (p) => progress.push(`${p.table}:${p.scanned}`) });
    expect(partial.complete).toBe(false);
    const rest = await encryptBackfill(db(), { batchSize: 2, onProgress: (p) => progress.push(`${p.table}:${p.scanned}`) });
    expect(rest.complete).toBe(true);
    expect(progress).toContain('webhook_endpoints:1');
    expect(rest.orders.updated + partial.orders.updated).toBe(5);
    const unchanged = (await q<{ id: string; email: string }>(`SELECT id, email FROM orders WHERE id = ANY($1::text[])`, [firstBatch.map((r) => r.id)])).rows;
    expect(unchanged.sort((a, b) => a.id.localeCompare(b.id))).toEqual(firstBatch.sort((a, b) => a.id.localeCompare(b.id)));

    expect(await countPlaintextContacts(db())).toEqual({
      customersEmail: 0,
      ordersEmail: 0,
      ordersShippingAddress: 0,
      ordersBillingAddress: 0,
      shoppersEmail: 0,
      recoveryContactsEmail: 0,
      mailRecipients: 0,
      webhookSecrets: 0,
    });
    expect(await scanForIdentifiers(q, [...emails, 'Old Street', 'Legacy Person', 'bGVnYWN5LXNlY3JldC1sZWdhY3ktc2VjcmV0'], { tables: ['orders', 'customers', 'webhook_endpoints'] })).toEqual([]);
    // The legacy customer merged into the one the fresh checkout created; everything reads back.
    const o0 = await getOrder(db(), ids[0]!);
    expect(o0.customerId).toBe(fresh.customerId);
    expect(o0.shippingAddress.line1).toBe('0 Old Street');
    expect((await q(`SELECT 1 FROM customers WHERE id = $1`, [legacyCustomer0])).rowCount).toBe(0);
    expect((await listOrders(db(), { email: 'legacy0@example.com', limit: 10 })).items.map((i) => i.id).sort()).toEqual([ids[0], fresh.id].sort());
    // Idempotent: nothing left for another run.
    const noop = await encryptBackfill(db());
    expect(noop.customers.updated + noop.orders.updated + noop.webhook_endpoints.updated).toBe(0);
  });
});
