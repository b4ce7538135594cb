// Retention: what the data map promises, enforced nightly by the apply-retention function.
// Each rule deletes (in batches, so no statement holds locks for long) or anonymises rows
// past their age. Ages are days and can be shortened per deployment with RETENTION_<KEY>_DAYS
// (e.g. RETENTION_EVENTS_DAYS=180); they are never read from a request.
import type { Db } from '@/server/db/client';
import { purgeEventsBefore } from '@/server/modules/events/event-partitions';

export type RetentionRule = {
  key: string;
  table: string;
  label: string;
  days: number;
  action: 'delete' | 'anonymise' | 'clear';
  /** Applies the rule to rows older than `cutoff`; returns rows changed. */
  apply: (db: Db, cutoff: Date, now: Date) => Promise<number>;
};

const BATCH = 5_000;
const IDENT = /^[a-z_][a-z0-9_]*$/;

/** Deletes matching rows a batch at a time. `where` is a trusted fragment from this file; $1 is the cutoff. */
async function deleteInBatches(db: Db, table: string, where: string, cutoff: Date): Promise<number> {
  if (!IDENT.test(table)) throw new Error(`bad table ${table}`);
  let total = 0;
  for (;;) {
    const n = await db.$executeRawUnsafe(
      `DELETE FROM "${table}" WHERE ctid IN (SELECT ctid FROM "${table}" WHERE ${where} LIMIT ${BATCH})`,
      cutoff,
    );
    total += n;
    if (n < BATCH) return total;
  }
}

const ANONYMISED = 'erased@invalid';

const rule = (
  key: string,
  table: string,
  label: string,
  days: number,
  action: RetentionRule['action'],
  apply: RetentionRule['apply'],
): RetentionRule => ({ key, table, label, days, action, apply });

export const RETENTION_RULES: RetentionRule[] = [
  rule('events', 'events', 'Shopper and app events', 395, 'delete', async (db, cutoff) =>
    // Partitioned by month: whole months past the cutoff are dropped, the rest deleted by key.
    // Only events the runner has handled: an old unprocessed event is a backlog, not history.
    (await purgeEventsBefore(db, cutoff)).rows,
  ),
  rule('search_events', 'search_events', 'Search history', 395, 'delete', (db, cutoff) =>
    deleteInBatches(db, 'search_events', 'created_at < $1', cutoff),
  ),
  rule('carts', 'carts', 'Carts (since last change)', 90, 'delete', (db, cutoff) => deleteInBatches(db, 'carts', 'updated_at < $1', cutoff)),
  rule('rate_limits', 'rate_limits', 'Rate-limit counters (expired windows)', 0, 'delete', (db, _cutoff, now) =>
    deleteInBatches(db, 'rate_limits', 'expire IS NOT NULL AND expire < $1', now),
  ),
  rule('staff_sessions', 'staff_sessions', 'Expired console sessions', 0, 'delete', (db, _cutoff, now) =>
    deleteInBatches(db, 'staff_sessions', 'expires_at < $1', now),
  ),
  rule('mail_outbox', 'mail_outbox', 'Outgoing mail', 30, 'delete', (db, cutoff) =>
    deleteInBatches(db, 'mail_outbox', "created_at < $1 AND status <> 'queued'", cutoff),
  ),
  rule('cart_recovery_contacts', 'cart_recovery_contacts', 'Cart reminder contacts (since last change)', 90, 'delete', (db, cutoff) =>
    deleteInBatches(db, 'cart_recovery_contacts', 'updated_at < $1', cutoff),
  ),
  rule('webhook_out_events', 'webhook_out_events', 'Outbound webhook events', 30, 'delete', (db, cutoff) =>
    deleteInBatches(db, 'webhook_out_events', 'created_at < $1', cutoff),
  ),
  rule('shopper_sessions', 'shopper_sessions', 'Expired shopper sessions', 0, 'delete', (db, _cutoff, now) =>
    deleteInBatches(db, 'shopper_sessions', 'expires_at < $1', now),
  ),
  rule('staff_password_resets', 'staff_password_resets', 'Expired staff password-reset links', 1, 'delete', (db, cutoff) =>
    deleteInBatches(db, 'staff_password_resets', 'expires_at < $1', cutoff),
  ),
  rule('shopper_password_resets', 'shopper_password_resets', 'Expired shopper password-reset links', 1, 'delete', (db, cutoff) =>
    deleteInBatches(db, 'shopper_password_resets', 'expires_at < $1', cutoff),
  ),
  rule('idempotency_keys', 'idempotency_keys', 'Checkout retry records', 30, 'delete', (db, cutoff) =>
    deleteInBatches(db, 'idempotency_keys', 'created_at < $1', cutoff),
  ),
  rule('job_runs', 'job_runs', 'Finished background runs (with their steps)', 30, 'delete', (db, cutoff) =>
    deleteInBatches(db, 'job_runs', `ended_at < $1 AND status IN ('completed', 'failed', 'cancelled')`, cutoff),
  ),
  rule('risk_signals', 'risk_signals', 'Risk signals', 395, 'delete', (db, cutoff) => deleteInBatches(db, 'risk_signals', 'placed_at < $1', cutoff)),
  rule('decision_logs', 'decision_logs', 'Decision log', 395, 'delete', async (db, cutoff) => {
    const shadows = await deleteInBatches(db, 'decision_shadow_results', 'created_at < $1', cutoff);
    return shadows + (await deleteInBatches(db, 'decision_logs', 'created_at < $1', cutoff));
  }),
  rule('payment_webhooks', 'payment_webhook_inbox', 'Payment webhooks (processed)', 395, 'delete', async (db, cutoff) => {
    const inbox = await deleteInBatches(db, 'payment_webhook_inbox', `received_at < $1 AND status = 'processed'`, cutoff);
    return inbox + (await deleteInBatches(db, 'payment_local_webhooks', `created_at < $1 AND status <> 'pending'`, cutoff));
  }),
  rule('export_bundles', 'privacy_requests', 'Export bundles (7 days)', 0, 'clear', (db, _cutoff, now) =>
    db.$executeRaw`UPDATE privacy_requests SET bundle_enc = NULL WHERE bundle_enc IS NOT NULL AND bundle_expires_at < ${now}`,
  ),
  rule('order_personal_fields', 'orders', 'Personal fields of orders (amounts kept 10 years)', 1095, 'anonymise', async (db, cutoff) => {
    const orders = await db.$executeRaw`UPDATE orders SET
        email = ${ANONYMISED}, email_hash = NULL,
        shipping_address = jsonb_strip_nulls(jsonb_build_object('country', shipping_address->'country', 'region', shipping_address->'region', 'erased', true)),
        billing_address = CASE WHEN billing_address IS NULL OR billing_address = 'null'::jsonb THEN billing_address
          ELSE jsonb_strip_nulls(jsonb_build_object('country', billing_address->'country', 'region', billing_address->'region', 'erased', true)) END,
        ip_address = NULL, session_key = NULL, card_last4 = NULL, updated_at = now()
      WHERE created_at < ${cutoff} AND email <> ${ANONYMISED}`;
    // Payments hold no email (ADR 034); the card's fingerprint and last four go.
    const payments = await db.$executeRaw`UPDATE payments SET fingerprint = NULL, last4 = NULL
      WHERE created_at < ${cutoff} AND (fingerprint IS NOT NULL OR last4 IS NOT NULL)`;
    return orders + payments;
  }),
  rule('customers', 'customers', 'Customers with no order for 3 years', 1095, 'delete', (db, cutoff) =>
    // upsertCustomer bumps updated_at at every checkout, so it is the last order's time.
    deleteInBatches(db, 'customers', 'updated_at < $1', cutoff),
  ),
];

/** A rule's age in days, shortened (never lengthened past the map) by RETENTION_<KEY>_DAYS. */
export function retentionDays(r: RetentionRule, env: Record<string, string | undefined> = process.env): number {
  const raw = env[`RETENTION_${r.key.toUpperCase()}_DAYS`];
  const n = raw === undefined ? NaN : Number(raw);
  return Number.isInteger(n) && n >= 0 && n < r.days ? n : r.days;
}

/** Applies one rule (one step of the nightly function). */
export async function applyRetentionRule(db: Db, key: string, now = new Date()): Promise<{ rule: string; rows: number }> {
  const r = RETENTION_RULES.find((x) => x.key === key);
  if (!r) throw new Error(`unknown retention rule ${key}`);
  const cutoff = new Date(now.getTime() - retentionDays(r) * 86_400_000);
  return { rule: key, rows: await r.apply(db, cutoff, now) };
}

export async function applyRetention(db: Db, now = new Date()): Promise<Record<string, number>> {
  const out: Record<string, number> = {};
  for (const r of RETENTION_RULES) out[r.key] = (await applyRetentionRule(db, r.key, now)).rows;
  return out;
}
