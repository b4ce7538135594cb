// Privacy end to end on the real Postgres: a shopper searches, browses, checks out (risk
// scored through the decision seam) and the order flow runs; then
//  1. tokenisation: events, risk signals, the decision log, recommendation tables, review
//     items and audit rows hold no raw email, IP or card fingerprint;
//  2. export through REST (staff cookie) as a durable job with progress, then the bundle;
//  3. erasure through the console procedure: afterwards a scan of every text and JSON column
//     of every table finds no trace of the email, name, street or IP, orders keep their
//     amounts, other shoppers are untouched, and the audit chain still verifies.
import { beforeAll, describe, expect, it } from 'vitest';
import { inngest } from '@/inngest/client';
import { functions } from '@/inngest/index';
import { createRunner, type Runner } from '@/inngest/runner/driver';
import { setEventStoreDb } from '@/inngest/runner/event-store';
import { createContext } from '@/server/api/init';
import { getPrivacyBundleHandler, getPrivacyRequestHandler, postPrivacyRequestHandler } from '@/server/api/privacy-rest';
import { createCaller } from '@/server/api/root';
import { flushDecisionLog } from '@/server/decisions/decision-log';
import { useTestDatabase } from '@/server/db/testing';
import { createStaff } from '@/server/modules/auth/create-staff';
import { createSession } from '@/server/modules/auth/sessions';
import { staffAs } from '@/server/modules/auth/testing';
import { verifyAuditChain } from '@/server/modules/audit/verify-chain';
import { address, ensureStoreDefaults, freshCard, makeVariant } from '@/server/modules/checkout/checkout.fixtures';
import { getOrder } from '@/server/modules/checkout/get-order';
import { ingestEvents } from '@/server/modules/events/ingest-events';
import { flushRiskSignalWrites } from '@/server/modules/risk/assess-checkout-risk';
import { flushSearchEvents } from '@/server/modules/search/search-events';
import { loadSearchFixture } from '@/server/modules/search/search.fixtures';
import { scanForIdentifiers } from './pii-scan';

const getDb = useTestDatabase();
const db = () => getDb().prisma;
let runner: Runner;
let cookie: string;

const subject = {
  email: 'grace.hopper@example.org',
  name: 'Grace Brewster Hopper',
  street: '77 Harbour Lane',
  ip: '198.51.100.77',
  sid: 'v_01JPRIVACYSUBJECT00000000A',
};
const other = { email: 'katherine.johnson@example.org', name: 'Katherine Johnson', street: '9 Orbit Road', ip: '198.51.100.88', sid: 'v_01JPRIVACYOTHER0000000000B' };

const shopper = (who: { sid: string; ip: string }) =>
  createCaller(createContext({ headers: new Headers({ cookie: `luma_sid=${who.sid}`, 'x-forwarded-for': who.ip }), db: db() }));

async function until(fn: string, n: number, timeoutMs = 90_000) {
  const t0 = Date.now();
  for (;;) {
    const r = await getDb().query<{ n: number }>(
      `SELECT count(*)::int AS n FROM job_runs WHERE function_id = $1 AND status IN ('completed', 'failed')`,
      [`commerce-${fn}`],
    );
    if (r.rows[0]!.n >= n) return;
    if (Date.now() - t0 > timeoutMs) throw new Error(`${fn} did not finish`);
    if ((await runner.tick()) === 0) await new Promise((r) => setTimeout(r, 25));
  }
}

/** Everything a shopper leaves behind: a search, browsing events, a cart, a checkout, the order flow. */
async function shop(who: typeof subject, card: string) {
  await shopper(who).search.query({ q: 'chair' });
  const v = await makeVariant(db(), { stock: 5, priceCents: 12_500 });
  await shopper(who).cart.add({ sku: v.sku, quantity: 1 });
  await ingestEvents(db(), [
    { id: `ev-${who.email.length}-${who.street.length}-1`, name: 'shopper/page.viewed', data: { sessionKey: who.sid, productId: v.productId } },
    { id: `ev-${who.email.length}-${who.street.length}-2`, name: 'shopper/cart.item_added', data: { sessionKey: who.sid, productId: v.productId } },
  ]);
  const placed = await shopper(who).checkout.placeOrder({
    email: who.email,
    shippingAddress: { ...address, name: who.name, line1: who.street },
    paymentMethod: card,
    idempotencyKey: `privacy-${who.sid}`,
  });
  await flushDecisionLog();
  await flushSearchEvents();
  await flushRiskSignalWrites();
  return { orderId: placed.order.id, outcome: placed.outcome, variant: v };
}

let subjectOrder: string;
let otherOrder: string;
let fingerprint: string;

beforeAll(async () => {
  (globalThis as unknown as { prisma: unknown }).prisma = db();
  setEventStoreDb(db());
  await loadSearchFixture(db(), 40);
  await ensureStoreDefaults(db());
  runner = createRunner({ db: db(), client: inngest, functions, pollMs: 20, log: () => undefined });
  const staff = await createStaff(db(), { email: 'dpo@luma.example', password: 'correct horse battery staple', roles: ['owner'] });
  cookie = `luma_staff=${(await createSession(db(), staff.id, { ip: '127.0.0.1', userAgent: 'vitest' })).token}`;

  const s = await shop(subject, freshCard());
  const o = await shop(other, freshCard());
  expect(s.outcome).toBe('placed');
  subjectOrder = s.orderId;
  otherOrder = o.orderId;
  await until('process-order', 2);
  const pay = await getDb().query<{ fingerprint: string }>(`SELECT fingerprint FROM payments WHERE order_id = $1`, [subjectOrder]);
  fingerprint = pay.rows[0]!.fingerprint;
  expect(fingerprint).toBeTruthy();
}, 180_000);

describe('tokenisation', () => {
  it('keeps raw email, IP and card fingerprint out of events, features, decisions, recommendations, reviews and audit', async () => {
    // The subject's activity reached every one of these tables…
    const counts = await getDb().query<{ events: number; signals: number; decisions: number; searches: number }>(
      `SELECT (SELECT count(*) FROM events WHERE data->>'sessionKey' = $1)::int AS events,
              (SELECT count(*) FROM risk_signals WHERE order_id = $2)::int AS signals,
              (SELECT count(*) FROM decision_logs WHERE subject_key IN ($1, $2))::int AS decisions,
              (SELECT count(*) FROM search_events WHERE session_key = $1)::int AS searches`,
      [subject.sid, subjectOrder],
    );
    expect(counts.rows[0]).toEqual({ events: expect.any(Number), signals: 1, decisions: expect.any(Number), searches: expect.any(Number) });
    expect(counts.rows[0]!.events).toBeGreaterThanOrEqual(2);
    expect(counts.rows[0]!.decisions).toBeGreaterThanOrEqual(2);
    expect(counts.rows[0]!.searches).toBeGreaterThanOrEqual(1);
    // …with tokens where identities are needed…
    const signal = await getDb().query<{ email_token: string; ip_token: string; card_token: string }>(
      `SELECT email_token, ip_token, card_token FROM risk_signals WHERE order_id = $1`,
      [subjectOrder],
    );
    expect(signal.rows[0]).toEqual({ email_token: expect.stringMatching(/^et_[0-9a-f]{32}$/), ip_token: expect.stringMatching(/^it_/), card_token: expect.stringMatching(/^ct_/) });
    // …and never the raw values.
    const hits = await scanForIdentifiers(getDb().query, [subject.email, subject.ip, fingerprint], {
      tables: ['events', 'risk_signals', 'decision_logs', 'decision_shadow_results', 'search_events', 'rec_item_pairs', 'rec_item_stats', 'rec_builds', 'review_items', 'audit_events', 'experiment_exposures', 'promotion_redemptions', 'discount_offers'],
    });
    expect(hits).toEqual([]);
    // Orders and customers hold the email only encrypted (ADR 027), payments none at all (ADR 034);
    // the scan itself finds what is there in clear (the order id on the payment, as a control).
    const contactTables = ['orders', 'customers', 'payments', 'shoppers', 'cart_recovery_contacts', 'mail_outbox'];
    expect(await scanForIdentifiers(getDb().query, [subject.email, subject.street, subject.name], { tables: contactTables })).toEqual([]);
    const control = await scanForIdentifiers(getDb().query, [subject.email, subjectOrder], { tables: ['payments'] });
    expect(control).toContainEqual({ table: 'payments', column: 'order_id', identifier: subjectOrder, rows: 1 });
    expect(control.filter((h) => h.identifier === subject.email)).toEqual([]);
  });
});

describe('subject access (export) over REST', () => {
  it('validates, authorises, runs as a job with per-table progress, and serves the bundle', async () => {
    const post = postPrivacyRequestHandler({ db: db() });
    const req = (body: unknown, c: string | null = cookie) =>
      new Request('http://localhost/api/v1/privacy/requests', {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...(c ? { cookie: c } : {}) },
        body: JSON.stringify(body),
      });
    const bad = await post(req({ type: 'delete', email: subject.email }));
    expect(bad.status).toBe(400);
    expect((await bad.json()).error.message).toContain('type');
    const badEmail = await post(req({ type: 'export', email: 'not-an-email' }));
    expect(badEmail.status).toBe(400);
    expect((await badEmail.json()).error.issues[0].path).toBe('email');
    expect((await post(req({ type: 'export', email: subject.email }, null))).status).toBe(401);
    expect(await db().privacyRequest.count()).toBe(0);

    const res = await post(req({ type: 'export', email: subject.email, note: 'ticket 4411' }));
    expect(res.status).toBe(202);
    const { request } = await res.json();
    expect(request).toMatchObject({ type: 'export', status: 'queued', stepsDone: 0, stepsTotal: 13 });
    expect(JSON.stringify(request)).not.toContain(subject.email);
    // The stored row holds a token and ciphertext, never the email.
    const row = await getDb().query(`SELECT * FROM privacy_requests WHERE id = $1`, [request.id]);
    expect(JSON.stringify(row.rows[0])).not.toContain(subject.email);
    expect(row.rows[0]!.subject_enc).toMatch(/^enc:v1:/);

    await until('run-privacy-request', 1);
    const get = getPrivacyRequestHandler({ db: db() });
    const status = await (await get(new Request(`http://localhost/api/v1/privacy/requests/${request.id}`, { headers: { cookie } }), request.id)).json();
    expect(status.request).toMatchObject({ status: 'completed', stepsDone: 13, stepsTotal: 13, bundleAvailable: true });
    expect(status.request.progress.every((p: { status: string }) => p.status === 'done')).toBe(true);
    expect(status.request.result['export-orders']).toBe(1);
    expect((await getDb().query(`SELECT subject_enc FROM privacy_requests WHERE id = $1`, [request.id])).rows[0]!.subject_enc).toBeNull();
    const malformed = await get(new Request('http://localhost/api/v1/privacy/requests/x', { headers: { cookie } }), 'x');
    expect(malformed.status).toBe(400);

    const bundleRes = await getPrivacyBundleHandler({ db: db() })(new Request(`http://localhost/x`, { headers: { cookie } }), request.id);
    expect(bundleRes.status).toBe(200);
    expect(bundleRes.headers.get('content-disposition')).toContain(`${request.id}.json`);
    const bundle = await bundleRes.json();
    expect(bundle.orders).toHaveLength(1);
    expect(bundle.orders[0]).toMatchObject({ id: subjectOrder, email: subject.email, totalCents: expect.any(Number), shippingAddress: { line1: subject.street } });
    expect(bundle.customer).toHaveLength(1);
    expect(bundle.events.length).toBeGreaterThanOrEqual(2);
    expect(bundle.searches.length).toBeGreaterThanOrEqual(1);
    expect(bundle.decisions.length).toBeGreaterThanOrEqual(2);
    expect(bundle['risk-signals']).toHaveLength(1);
    expect(Object.keys(bundle.recommendations)).toEqual([subject.sid]);
    // Nothing of the other shopper.
    expect(JSON.stringify(bundle)).not.toContain(other.email);
  });
});

describe('erasure', () => {
  it('erases the subject everywhere in the map, keeps accounting fields, spares others, and audits with the token only', async () => {
    // Free text that names the subject outside their own session (a support note typed into an event).
    await ingestEvents(db(), [{ id: 'ev-support-note-1', name: 'shopper/page.viewed', data: { sessionKey: 'v_01JSOMEONEELSE000000000000', note: `call back ${subject.email}` } }]);
    const before = await getDb().query<{ total_cents: number; tax_cents: number; subtotal_cents: number; created_at: Date }>(
      `SELECT total_cents, tax_cents, subtotal_cents, created_at FROM orders WHERE id = $1`,
      [subjectOrder],
    );
    const identifiers = [subject.email, subject.name, subject.street, subject.ip];
    expect((await scanForIdentifiers(getDb().query, identifiers)).length).toBeGreaterThan(3);

    const admin = createCaller(createContext({ headers: new Headers(), db: db(), staff: staffAs('admin') }));
    await expect(admin.privacy.requestErasure({ email: subject.email })).rejects.toMatchObject({ code: 'FORBIDDEN' });
    const owner = createCaller(createContext({ headers: new Headers(), db: db(), staff: staffAs('owner') }));
    const first = await owner.privacy.requestErasure({ email: subject.email, note: 'ticket 4412' });
    const again = await owner.privacy.requestErasure({ email: subject.email });
    expect(again).toMatchObject({ created: false, request: { id: first.request.id } });

    await until('run-privacy-request', 2);
    const done = await owner.privacy.get({ requestId: first.request.id });
    expect(done).toMatchObject({ status: 'completed', stepsDone: done.stepsTotal });
    expect(done.result!['erase-orders']).toBeGreaterThanOrEqual(1);
    expect(done.result!['erase-customer']).toBe(1);

    // Verification: no trace in any text or JSON column of any table.
    expect(await scanForIdentifiers(getDb().query, identifiers)).toEqual([]);
    expect(await scanForIdentifiers(getDb().query, [fingerprint, subject.sid])).toEqual([]);

    // Accounting fields kept.
    const after = await getDb().query(`SELECT total_cents, tax_cents, subtotal_cents, created_at, email, shipping_address FROM orders WHERE id = $1`, [subjectOrder]);
    expect(after.rows[0]).toMatchObject({ ...before.rows[0], email: 'erased@invalid', shipping_address: { country: 'US', region: 'CA', erased: true } });
    expect((await getDb().query(`SELECT count(*)::int AS n FROM order_lines WHERE order_id = $1`, [subjectOrder])).rows[0]!.n).toBe(1);
    // The blind index goes too: the order can no longer be found by the erased email.
    expect((await getDb().query(`SELECT email_hash FROM orders WHERE id = $1`, [subjectOrder])).rows[0]).toEqual({ email_hash: null });

    // The other shopper is untouched.
    expect((await getDb().query(`SELECT count(*)::int AS n FROM payments WHERE order_id = $1 AND fingerprint IS NOT NULL`, [otherOrder])).rows[0]!.n).toBe(1);
    const otherView = await getOrder(db(), otherOrder);
    expect([otherView.email, otherView.shippingAddress.line1]).toEqual([other.email, other.street]);
    expect((await getDb().query(`SELECT count(*)::int AS n FROM events WHERE data->>'sessionKey' = $1`, [other.sid])).rows[0]!.n).toBeGreaterThanOrEqual(2);
    expect((await getDb().query(`SELECT count(*)::int AS n FROM risk_signals WHERE order_id = $1`, [otherOrder])).rows[0]!.n).toBe(1);

    // Audited without re-storing the email; the export bundle of the same person is gone too.
    const audit = await getDb().query<{ action: string; after: { subjectToken: string } }>(
      `SELECT action, after FROM audit_events WHERE entity = 'privacy_request' ORDER BY seq`,
    );
    expect(audit.rows.map((r) => r.action)).toEqual(['privacy.export.requested', 'privacy.export.completed', 'privacy.erase.requested', 'privacy.erase.completed']);
    expect(audit.rows[3]!.after.subjectToken).toMatch(/^et_[0-9a-f]{32}$/);
    expect((await getDb().query(`SELECT count(*)::int AS n FROM privacy_requests WHERE bundle_enc IS NOT NULL`)).rows[0]!.n).toBe(0);
    expect((await verifyAuditChain(db())).ok).toBe(true);
  });
});
