// Erasure, one step per place in the data map (data-map.ts says what each does and why).
// Every step is idempotent: a retried step finds nothing left to change and returns 0. The
// steps run in this order because later ones remove the rows earlier ones were found by
// (orders last but one, the customer last).
//
// These statements touch tables other modules own. That is deliberate and limited to this
// file and retention.ts: the data map is the one inventory, held to the schema by a test,
// and erasure must follow it exactly (ADR 020). Owners add a step here when they add data.
import type { Db } from '@/server/db/client';
import { ERASED, escapeRegex, scrubColumn } from './scrub';
import { subjectIdentifiers, type Subject } from './subject';

export type PrivacyStep = { key: string; label: string; run: (db: Db, s: Subject) => Promise<number> };

const ERASED_EMAIL = 'erased@invalid';

const sum = (xs: number[]) => xs.reduce((a, b) => a + b, 0);

export const ERASE_STEPS: PrivacyStep[] = [
  {
    key: 'erase-carts',
    label: 'Carts',
    run: (db, s) =>
      db.$executeRaw`DELETE FROM carts WHERE customer_id = ANY(${s.customerIds}::text[]) OR session_key = ANY(${s.sessionKeys}::text[])`,
  },
  {
    key: 'erase-events',
    label: 'Shopper events',
    run: async (db, s) => {
      const deleted = await db.$executeRaw`DELETE FROM events WHERE data->>'sessionKey' = ANY(${s.sessionKeys}::text[])`;
      return deleted + (await scrubColumn(db, 'events', 'data', subjectIdentifiers(s), { json: true }));
    },
  },
  {
    key: 'erase-search-history',
    label: 'Search history',
    run: (db, s) => db.$executeRaw`DELETE FROM search_events WHERE session_key = ANY(${s.sessionKeys}::text[])`,
  },
  {
    key: 'erase-decisions',
    label: 'Decision log and experiments',
    run: async (db, s) => {
      const subjects = [...s.sessionKeys, ...s.orderIds];
      const shadows = await db.$executeRaw`DELETE FROM decision_shadow_results WHERE decision_id IN
        (SELECT id FROM decision_logs WHERE subject_key = ANY(${subjects}::text[]))`;
      const logs = await db.$executeRaw`UPDATE decision_logs SET subject_key = 'erased', features = '{}', output = NULL, explanation = '[]'
        WHERE subject_key = ANY(${subjects}::text[])`;
      // A fresh random key per row: experiment counts stay right, the link to the visitor is gone.
      const exposures = await db.$executeRaw`UPDATE experiment_exposures SET unit_key = 'erased_' || md5(random()::text || clock_timestamp()::text || unit_key)
        WHERE unit_key = ANY(${s.sessionKeys}::text[])`;
      return shadows + logs + exposures;
    },
  },
  {
    key: 'erase-risk-signals',
    label: 'Risk signals',
    run: (db, s) =>
      db.$executeRaw`DELETE FROM risk_signals WHERE order_id = ANY(${s.orderIds}::text[]) OR email_token = ANY(${s.emailTokens}::text[])`,
  },
  {
    key: 'erase-promotion-tokens',
    label: 'Promotions and offers',
    run: async (db, s) =>
      sum([
        await db.$executeRaw`UPDATE promotion_redemptions SET customer_token = 'erased' WHERE customer_token = ANY(${s.emailTokens}::text[])`,
        await db.$executeRaw`UPDATE discount_offers SET customer_token = 'erased' WHERE customer_token = ANY(${s.emailTokens}::text[])`,
      ]),
  },
  {
    key: 'erase-review-items',
    label: 'Review items',
    run: (db, s) =>
      db.$executeRaw`UPDATE review_items SET summary = '{}', reasons = '[]',
        decision_note = CASE WHEN decision_note = '' THEN '' ELSE ${ERASED} END
        WHERE subject_id = ANY(${s.orderIds}::text[]) AND (summary <> '{}' OR reasons <> '[]' OR decision_note NOT IN ('', ${ERASED}))`,
  },
  {
    key: 'erase-payments',
    label: 'Payments (amounts kept)',
    run: async (db, s) => {
      const ids = subjectIdentifiers(s);
      // Payments hold no email (ADR 034): they are the subject's through their orders.
      const payments = await db.$executeRaw`UPDATE payments SET fingerprint = NULL, last4 = NULL, message = NULL
        WHERE id = ANY(${s.paymentIds}::text[]) AND (fingerprint IS NOT NULL OR last4 IS NOT NULL OR message IS NOT NULL)`;
      const inbox = await scrubColumn(db, 'payment_webhook_inbox', 'payload', ids, { json: true });
      const local = await scrubColumn(db, 'payment_local_webhooks', 'payload', ids, { json: false });
      return payments + inbox + local;
    },
  },
  {
    key: 'erase-automation-records',
    label: 'Background job records',
    run: async (db, s) => {
      const ids = subjectIdentifiers(s);
      return sum([
        await scrubColumn(db, 'job_runs', 'event', ids, { json: true }),
        await scrubColumn(db, 'job_runs', 'output', ids, { json: true }),
        await scrubColumn(db, 'job_runs', 'error', ids, { json: true }),
        await scrubColumn(db, 'job_steps', 'data', ids, { json: true }),
        await scrubColumn(db, 'job_steps', 'error', ids, { json: true }),
      ]);
    },
  },
  {
    key: 'erase-idempotency-records',
    label: 'Checkout retry records',
    run: async (db, s) =>
      (await db.$executeRaw`DELETE FROM idempotency_keys WHERE order_id = ANY(${s.orderIds}::text[])`) +
      (await scrubColumn(db, 'idempotency_keys', 'result', subjectIdentifiers(s), { json: true })),
  },
  {
    key: 'erase-rate-limits',
    label: 'Rate-limit counters',
    run: async (db, s) => {
      if (s.ips.length === 0) return 0;
      // Keys embed the client address ("checkout:10.1.2.3"); match it whole, not as a prefix of another.
      const pattern = `(^|[^0-9a-fA-F.])(${s.ips.map(escapeRegex).join('|')})($|[^0-9a-fA-F.:])`;
      return db.$executeRaw`DELETE FROM rate_limits WHERE key ~ ${pattern}`;
    },
  },
  {
    key: 'erase-orders',
    label: 'Orders (accounting fields kept)',
    run: async (db, s) => {
      // Country and region stay: they decide the tax that was charged.
      const orders = await db.$executeRaw`UPDATE orders SET
          email = ${ERASED_EMAIL}, email_hash = NULL,
          shipping_address = jsonb_strip_nulls(jsonb_build_object('country', shipping_address->'country', 'region', shipping_address->'region', 'erased', true)),
          billing_address = CASE WHEN billing_address IS NULL OR billing_address = 'null'::jsonb THEN billing_address
            ELSE jsonb_strip_nulls(jsonb_build_object('country', billing_address->'country', 'region', billing_address->'region', 'erased', true)) END,
          ip_address = NULL, session_key = NULL, card_last4 = NULL, risk_reasons = '[]', updated_at = now()
        WHERE id = ANY(${s.orderIds}::text[]) AND email <> ${ERASED_EMAIL}`;
      const events = await scrubColumn(db, 'order_events', 'reason', subjectIdentifiers(s), { json: false });
      const refunds = await scrubColumn(db, 'order_refunds', 'reason', subjectIdentifiers(s), { json: false });
      const appeals = await scrubColumn(db, 'order_appeals', 'detail', subjectIdentifiers(s), { json: false });
      return orders + events + refunds + appeals;
    },
  },
  {
    key: 'erase-mail-and-reminders',
    label: 'Mail and cart reminders',
    run: async (db, s) =>
      sum([
        // Sealed addresses are found by their blind index (every key); rows not yet backfilled in clear.
        await db.$executeRaw`DELETE FROM mail_outbox WHERE to_hash = ANY(${s.emailTokens}::text[]) OR (to_hash IS NULL AND lower(to_address) = ${s.email})`,
        await db.$executeRaw`DELETE FROM cart_recovery_contacts WHERE email_hash = ANY(${s.emailTokens}::text[])
          OR (email_hash IS NULL AND lower(email) = ${s.email}) OR session_key = ANY(${s.sessionKeys}::text[])`,
        // A fresh random key per row: the recovery report keeps its counts, the link to the visitor goes.
        await db.$executeRaw`UPDATE cart_recovery_attempts SET session_key = 'erased_' || md5(random()::text || clock_timestamp()::text || session_key)
          WHERE session_key = ANY(${s.sessionKeys}::text[])`,
        await scrubColumn(db, 'webhook_out_events', 'payload', subjectIdentifiers(s), { json: true }),
      ]),
  },
  {
    key: 'erase-review-labels',
    label: 'Review labels (training data)',
    run: (db, s) => db.$executeRaw`DELETE FROM review_labels WHERE subject_id = ANY(${s.orderIds}::text[])`,
  },
  {
    key: 'erase-shopper-account',
    label: 'Shopper account',
    run: async (db, s) =>
      sum([
        // Reset links first: they name the shopper by id (no cascade from shoppers).
        await db.$executeRaw`DELETE FROM shopper_password_resets WHERE shopper_id IN
          (SELECT id FROM shoppers WHERE id = ANY(${s.shopperIds ?? []}::text[]) OR email_hash = ANY(${s.emailTokens}::text[])
            OR (email_hash IS NULL AND email = ${s.email}))`,
        await db.$executeRaw`DELETE FROM shoppers WHERE id = ANY(${s.shopperIds ?? []}::text[]) OR email_hash = ANY(${s.emailTokens}::text[])
          OR (email_hash IS NULL AND email = ${s.email})`,
      ]),
  },
  {
    key: 'erase-customer',
    label: 'Customer record',
    run: (db, s) =>
      db.$executeRaw`DELETE FROM customers WHERE id = ANY(${s.customerIds}::text[]) OR email_hash = ANY(${s.emailTokens}::text[]) OR email = ${s.email}`,
  },
];
