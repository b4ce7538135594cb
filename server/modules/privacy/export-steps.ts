// Subject access: one section of the export bundle per place in the data map. Each step
// returns its section; run-request.ts merges it into the request's encrypted bundle.
import type { Db } from '@/server/db/client';
import { shopperSignals } from '@/server/modules/recommendations/shopper-signals';
import { openAddress, openEmail } from './contact-fields';
import type { Subject } from './subject';

type Sealed = { email: string; shippingAddress?: unknown; billingAddress?: unknown };
/** Contact fields are stored encrypted (ADR 027); the bundle gives the subject their values in clear. */
const opened = <R extends Sealed>(rows: R[]) =>
  rows.map((r) => ({
    ...r,
    email: openEmail(r.email),
    ...('shippingAddress' in r ? { shippingAddress: openAddress(r.shippingAddress) } : {}),
    ...('billingAddress' in r ? { billingAddress: openAddress(r.billingAddress) } : {}),
  }));

export type ExportStep = { key: string; label: string; collect: (db: Db, s: Subject) => Promise<unknown[] | Record<string, unknown>> };

/** Events and searches per subject are capped: a bundle is for a person to read. */
const MAX_ROWS = 10_000;

export const EXPORT_STEPS: ExportStep[] = [
  {
    key: 'export-customer',
    label: 'Customer record',
    collect: async (db, s) =>
      opened(await db.$queryRaw<Sealed[]>`SELECT id, email, created_at AS "createdAt", updated_at AS "updatedAt" FROM customers WHERE id = ANY(${s.customerIds}::text[])`),
  },
  {
    key: 'export-orders',
    label: 'Orders',
    collect: async (db, s) =>
      opened(await db.$queryRaw<Sealed[]>`SELECT o.id, o.status, o.email, o.currency, o.subtotal_cents AS "subtotalCents", o.discount_cents AS "discountCents",
          o.tax_cents AS "taxCents", o.shipping_cents AS "shippingCents", o.total_cents AS "totalCents", o.promo_code AS "promoCode",
          o.shipping_address AS "shippingAddress", o.billing_address AS "billingAddress", o.ip_address AS "ipAddress",
          o.card_brand AS "cardBrand", o.card_last4 AS "cardLast4", o.risk_action AS "automatedDecision", o.created_at AS "createdAt",
          COALESCE((SELECT json_agg(json_build_object('sku', l.sku, 'title', l.title, 'quantity', l.quantity, 'unitPriceCents', l.unit_price_cents, 'lineTotalCents', l.line_total_cents) ORDER BY l.sku)
            FROM order_lines l WHERE l.order_id = o.id), '[]') AS lines,
          COALESCE((SELECT json_agg(json_build_object('from', e.from_status, 'to', e.to_status, 'at', e.created_at) ORDER BY e.created_at)
            FROM order_events e WHERE e.order_id = o.id), '[]') AS history
        FROM orders o WHERE o.id = ANY(${s.orderIds}::text[]) ORDER BY o.created_at`),
  },
  {
    key: 'export-payments',
    label: 'Payments',
    collect: (db, s) =>
      db.$queryRaw`SELECT id, order_id AS "orderId", provider, status, amount_cents AS "amountCents", currency, brand, last4,
          amount_captured_cents AS "amountCapturedCents", amount_refunded_cents AS "amountRefundedCents", created_at AS "createdAt"
        FROM payments WHERE id = ANY(${s.paymentIds}::text[]) ORDER BY created_at`,
  },
  {
    key: 'export-carts',
    label: 'Carts',
    collect: (db, s) =>
      db.$queryRaw`SELECT c.id, c.promo_code AS "promoCode", c.created_at AS "createdAt", c.updated_at AS "updatedAt",
          COALESCE((SELECT json_agg(json_build_object('variantId', l.variant_id, 'quantity', l.quantity)) FROM cart_lines l WHERE l.cart_id = c.id), '[]') AS lines
        FROM carts c WHERE c.customer_id = ANY(${s.customerIds}::text[]) OR c.session_key = ANY(${s.sessionKeys}::text[])`,
  },
  {
    key: 'export-events',
    label: 'Shopper events',
    collect: (db, s) =>
      db.$queryRaw`SELECT id, name, data, ts FROM events WHERE data->>'sessionKey' = ANY(${s.sessionKeys}::text[]) ORDER BY ts LIMIT ${MAX_ROWS}`,
  },
  {
    key: 'export-searches',
    label: 'Search history',
    collect: (db, s) =>
      db.$queryRaw`SELECT type, query, product_id AS "productId", position, created_at AS "createdAt" FROM search_events
        WHERE session_key = ANY(${s.sessionKeys}::text[]) ORDER BY created_at LIMIT ${MAX_ROWS}`,
  },
  {
    key: 'export-decisions',
    label: 'Automated decisions',
    collect: (db, s) =>
      db.$queryRaw`SELECT id, kind, served_version AS "modelVersion", policy_version AS "policyVersion", output, explanation, created_at AS "createdAt"
        FROM decision_logs WHERE subject_key = ANY(${[...s.sessionKeys, ...s.orderIds]}::text[]) ORDER BY created_at LIMIT ${MAX_ROWS}`,
  },
  {
    key: 'export-reviews',
    label: 'Human reviews',
    collect: (db, s) =>
      db.$queryRaw`SELECT id, kind, subject_id AS "orderId", status, reasons, created_at AS "createdAt", decided_at AS "decidedAt"
        FROM review_items WHERE subject_id = ANY(${s.orderIds}::text[]) ORDER BY created_at`,
  },
  {
    key: 'export-risk-signals',
    label: 'Fraud-check signals',
    collect: (db, s) =>
      db.$queryRaw`SELECT order_id AS "orderId", amount_cents AS "amountCents", country, action, placed_at AS "placedAt" FROM risk_signals
        WHERE order_id = ANY(${s.orderIds}::text[]) OR email_token = ANY(${s.emailTokens}::text[]) ORDER BY placed_at`,
  },
  {
    key: 'export-recommendations',
    label: 'Recommendation signals',
    // What recommendations know about each of the subject's browsers (recommendations' own reader).
    collect: async (db, s) => {
      const out: Record<string, unknown> = {};
      for (const key of s.sessionKeys.slice(0, 50)) out[key] = await shopperSignals(db, key);
      return out;
    },
  },
  // Accounts, reminder contacts and mail hold the email sealed (ADR 034): found by its blind
  // index under every key (or in clear for rows the backfill has not reached), opened here.
  {
    key: 'export-shopper-account',
    label: 'Shopper account',
    collect: async (db, s) =>
      opened(await db.$queryRaw<Sealed[]>`SELECT id, email, name, created_at AS "createdAt" FROM shoppers
        WHERE id = ANY(${s.shopperIds ?? []}::text[]) OR email_hash = ANY(${s.emailTokens}::text[]) ORDER BY created_at`),
  },
  {
    key: 'export-reminder-contacts',
    label: 'Cart reminder contacts',
    collect: async (db, s) =>
      opened(await db.$queryRaw<Sealed[]>`SELECT cart_id AS "cartId", email, marketing_consent AS "marketingConsent", created_at AS "createdAt", updated_at AS "updatedAt"
        FROM cart_recovery_contacts WHERE email_hash = ANY(${s.emailTokens}::text[]) OR (email_hash IS NULL AND lower(email) = ${s.email}) ORDER BY created_at`),
  },
  {
    key: 'export-mail',
    label: 'Mail sent to you',
    collect: async (db, s) =>
      (await db.$queryRaw<{ to: string }[]>`SELECT id, kind, to_address AS "to", subject, status, created_at AS "createdAt", sent_at AS "sentAt"
        FROM mail_outbox WHERE to_hash = ANY(${s.emailTokens}::text[]) OR (to_hash IS NULL AND lower(to_address) = ${s.email})
        ORDER BY created_at LIMIT ${MAX_ROWS}`).map((m) => ({ ...m, to: openEmail(m.to) })),
  },
];
