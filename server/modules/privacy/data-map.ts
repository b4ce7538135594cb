// The data map: one declared inventory of every place personal data can live (columns, JSON
// fields, event payloads, log fields, feature rows, decision-log inputs), with why it is kept,
// for how long, and what an erasure request does to it. data-map.test.ts reads the Prisma
// schema and fails when a personal-looking column is missing here, or when an entry names a
// column that no longer exists, so the map cannot silently fall behind the schema.
// Client-safe (no server imports): the console's Privacy page renders it.

export type DataCategory =
  /** Email address, name. */
  | 'contact'
  /** Postal address. */
  | 'address'
  /** IP address, user agent. */
  | 'network'
  /** Card fingerprint, last four digits, brand. */
  | 'payment'
  /** Keyed pseudonyms (HMAC tokens) and random visitor keys: personal data while the key exists. */
  | 'pseudonym'
  /** What a visitor did: views, searches, carts. */
  | 'behaviour'
  /** Text typed by a shopper or about one (search queries, reviewer notes). */
  | 'free_text'
  /** Derived numbers about a shopper (risk features, scores). */
  | 'derived'
  /** Console users (staff), not shoppers. */
  | 'staff';

/**
 * delete: the row goes. anonymise: the personal values are replaced (or unlinked) and the row
 * stays for its other purpose. keep_for_accounting: amounts, tax and dates stay (legal duty);
 * the personal fields on the same row are anonymised. none: not about shoppers (staff data is
 * handled by staff management) or never personal by construction (checked by tests).
 */
export type ErasureAction = 'delete' | 'anonymise' | 'keep_for_accounting' | 'none';

export type Store = 'column' | 'json_field' | 'event_payload' | 'log_field' | 'feature_row' | 'decision_input' | 'embedding';

export type DataMapEntry = {
  /** Table (Postgres name) for stored data; a logical name for logs. */
  table: string;
  /** Column (Postgres name); for JSON fields, the JSON column. */
  column: string;
  /** Inside a JSON column or payload, e.g. "shippingAddress.line1" or "data.sessionKey". */
  path?: string;
  store: Store;
  /** The module that owns the table. */
  owner: string;
  category: DataCategory;
  purpose: string;
  /** Human-readable retention; the enforced rules are RETENTION_RULES. */
  retention: string;
  erasure: ErasureAction;
  /** How the subject's rows are found and what erasure writes. */
  howErased?: string;
  /**
   * How the value is protected at rest beyond access control (ADR 027): `encrypted` =
   * AES-256-GCM field encryption under PII_ENCRYPTION_KEYS (the privacy scan proves no value
   * is in clear); `blind_index` = a keyed HMAC of the value (IDENTITY_TOKEN_KEYS) for lookups.
   */
  atRest?: 'encrypted' | 'blind_index';
};

const THIRTEEN_MONTHS = '13 months, then deleted (nightly retention)';
const WITH_ORDER = 'with the order (10 years, accounting); personal fields anonymised after 3 years';

export const DATA_MAP: DataMapEntry[] = [
  // ── checkout: customers and orders (the only places raw contact data is stored) ──
  { table: 'customers', column: 'email', store: 'column', owner: 'checkout', category: 'contact', purpose: 'Identify a buyer across orders', retention: '3 years after the last order', erasure: 'delete', howErased: 'row deleted', atRest: 'encrypted' },
  { table: 'orders', column: 'email', store: 'column', owner: 'checkout', category: 'contact', purpose: 'Order confirmation and service mail', retention: WITH_ORDER, erasure: 'keep_for_accounting', howErased: 'replaced by "erased@invalid"', atRest: 'encrypted' },
  { table: 'orders', column: 'shipping_address', store: 'json_field', path: 'name, line1, line2, city, postalCode', owner: 'checkout', category: 'address', purpose: 'Deliver the order', retention: WITH_ORDER, erasure: 'keep_for_accounting', howErased: 'replaced by { country, region } (tax jurisdiction)', atRest: 'encrypted' },
  { table: 'orders', column: 'billing_address', store: 'json_field', path: 'name, line1, line2, city, postalCode', owner: 'checkout', category: 'address', purpose: 'Billing checks and invoices', retention: WITH_ORDER, erasure: 'keep_for_accounting', howErased: 'replaced by { country, region }', atRest: 'encrypted' },
  { table: 'orders', column: 'ip_address', store: 'column', owner: 'checkout', category: 'network', purpose: 'Fraud investigation of this order', retention: WITH_ORDER, erasure: 'anonymise', howErased: 'set to null' },
  { table: 'orders', column: 'session_key', store: 'column', owner: 'checkout', category: 'pseudonym', purpose: 'Show the order to the browser that placed it', retention: WITH_ORDER, erasure: 'anonymise', howErased: 'set to null' },
  { table: 'orders', column: 'card_last4', store: 'column', owner: 'checkout', category: 'payment', purpose: 'Show which card was charged', retention: WITH_ORDER, erasure: 'anonymise', howErased: 'set to null' },
  { table: 'orders', column: 'card_brand', store: 'column', owner: 'checkout', category: 'payment', purpose: 'Show which card was charged', retention: WITH_ORDER, erasure: 'keep_for_accounting', howErased: 'kept (not identifying)' },
  { table: 'orders', column: 'risk_reasons', store: 'json_field', owner: 'checkout', category: 'derived', purpose: 'Explain the automated risk decision', retention: WITH_ORDER, erasure: 'anonymise', howErased: 'emptied' },
  { table: 'orders', column: 'customer_id', store: 'column', owner: 'checkout', category: 'pseudonym', purpose: 'Link orders of one buyer', retention: WITH_ORDER, erasure: 'anonymise', howErased: 'kept as an id; the customer row it pointed to is deleted' },
  { table: 'orders', column: 'promo_code', store: 'column', owner: 'checkout', category: 'free_text', purpose: 'Which promotion applied', retention: WITH_ORDER, erasure: 'keep_for_accounting' },
  { table: 'orders', column: 'request_id', store: 'column', owner: 'checkout', category: 'pseudonym', purpose: 'Correlate logs of the placement request', retention: WITH_ORDER, erasure: 'keep_for_accounting' },
  { table: 'order_events', column: 'reason', store: 'column', owner: 'checkout', category: 'free_text', purpose: 'Why an order changed status', retention: WITH_ORDER, erasure: 'anonymise', howErased: 'reasons mentioning the subject replaced by "[erased]"' },
  { table: 'order_events', column: 'actor', store: 'column', owner: 'checkout', category: 'staff', purpose: 'Who changed the status', retention: WITH_ORDER, erasure: 'none' },
  { table: 'idempotency_keys', column: 'result', store: 'json_field', path: 'order.email, order.shippingAddress, order.billingAddress', owner: 'checkout', category: 'contact', purpose: 'Replay the first answer to a retried placement', retention: '30 days', erasure: 'delete', howErased: 'keys of the subject’s orders deleted', atRest: 'encrypted' },

  // ── payments ──
  { table: 'payments', column: 'fingerprint', store: 'column', owner: 'payments', category: 'payment', purpose: 'Recognise the same card (fraud)', retention: WITH_ORDER, erasure: 'anonymise', howErased: 'set to null' },
  { table: 'payments', column: 'last4', store: 'column', owner: 'payments', category: 'payment', purpose: 'Refunds and support', retention: WITH_ORDER, erasure: 'anonymise', howErased: 'set to null' },
  { table: 'payments', column: 'brand', store: 'column', owner: 'payments', category: 'payment', purpose: 'Refunds and support', retention: WITH_ORDER, erasure: 'keep_for_accounting' },
  { table: 'payments', column: 'message', store: 'column', owner: 'payments', category: 'free_text', purpose: 'Provider decline message', retention: WITH_ORDER, erasure: 'anonymise', howErased: 'set to null' },
  { table: 'payment_webhook_inbox', column: 'payload', store: 'json_field', path: 'minimised to the applied fields (ids, amounts, status, our metadata, decline code/message); receipt email, billing and card details are dropped before storing', owner: 'payments', category: 'contact', purpose: 'Apply and replay provider webhooks', retention: '13 months', erasure: 'anonymise', howErased: 'identifiers replaced by "[erased]" in the JSON' },
  { table: 'payment_local_webhooks', column: 'payload', store: 'column', owner: 'payments', category: 'contact', purpose: 'Local provider deliveries', retention: '13 months', erasure: 'anonymise', howErased: 'identifiers replaced by "[erased]"' },

  // ── risk, pricing: keyed tokens only ──
  { table: 'risk_signals', column: 'email_token', store: 'feature_row', owner: 'risk', category: 'pseudonym', purpose: 'Velocity features (orders per email)', retention: THIRTEEN_MONTHS, erasure: 'delete', howErased: 'rows of the subject’s orders and email token (current and previous keys) deleted' },
  { table: 'risk_signals', column: 'ip_token', store: 'feature_row', owner: 'risk', category: 'pseudonym', purpose: 'Velocity features (orders per IP)', retention: THIRTEEN_MONTHS, erasure: 'delete' },
  { table: 'risk_signals', column: 'card_token', store: 'feature_row', owner: 'risk', category: 'pseudonym', purpose: 'Velocity features (orders per card)', retention: THIRTEEN_MONTHS, erasure: 'delete' },
  { table: 'promotion_redemptions', column: 'customer_token', store: 'column', owner: 'pricing', category: 'pseudonym', purpose: 'Per-customer promotion limits', retention: WITH_ORDER, erasure: 'keep_for_accounting', howErased: 'token replaced by "erased"; amounts kept' },
  { table: 'discount_offers', column: 'customer_token', store: 'column', owner: 'pricing', category: 'pseudonym', purpose: 'Offer limits per customer', retention: WITH_ORDER, erasure: 'keep_for_accounting', howErased: 'token replaced by "erased"; amounts kept' },
  { table: 'discount_offers', column: 'reason', store: 'column', owner: 'pricing', category: 'derived', purpose: 'Why the offer was made (a code, e.g. held_order)', retention: WITH_ORDER, erasure: 'none' },
  { table: 'policy_versions', column: 'body', store: 'json_field', path: 'block.emails, allow.emails', owner: 'policies', category: 'pseudonym', purpose: 'Block/allow lists (emails saved as tokens)', retention: 'kept (policy history)', erasure: 'none', howErased: 'only tokens are stored; published versions are immutable' },

  // ── decisions and features ──
  { table: 'decision_logs', column: 'subject_key', store: 'decision_input', owner: 'decisions', category: 'pseudonym', purpose: 'Sticky canary assignment, governance', retention: THIRTEEN_MONTHS, erasure: 'anonymise', howErased: 'replaced by "erased" for the subject’s sessions and orders' },
  { table: 'decision_logs', column: 'features', store: 'decision_input', owner: 'decisions', category: 'derived', purpose: 'Replay and drift (numbers only, no identifiers)', retention: THIRTEEN_MONTHS, erasure: 'anonymise', howErased: 'emptied for the subject’s decisions' },
  { table: 'decision_logs', column: 'output', store: 'decision_input', owner: 'decisions', category: 'derived', purpose: 'What the model answered', retention: THIRTEEN_MONTHS, erasure: 'anonymise', howErased: 'emptied for the subject’s decisions' },
  { table: 'decision_logs', column: 'explanation', store: 'decision_input', owner: 'decisions', category: 'derived', purpose: 'Reasons for the decision', retention: THIRTEEN_MONTHS, erasure: 'anonymise', howErased: 'emptied for the subject’s decisions' },
  { table: 'decision_logs', column: 'error_message', store: 'column', owner: 'decisions', category: 'free_text', purpose: 'Why a decision degraded', retention: THIRTEEN_MONTHS, erasure: 'none' },
  { table: 'decision_shadow_results', column: 'output', store: 'decision_input', owner: 'decisions', category: 'derived', purpose: 'Shadow comparison', retention: THIRTEEN_MONTHS, erasure: 'delete', howErased: 'rows of the subject’s decisions deleted' },
  { table: 'experiment_exposures', column: 'unit_key', store: 'column', owner: 'experiments', category: 'pseudonym', purpose: 'Count each visitor once per experiment', retention: 'with the experiment', erasure: 'anonymise', howErased: 'replaced by a random key (counts stay right, link is gone)' },
  { table: 'review_items', column: 'summary', store: 'json_field', owner: 'reviews', category: 'derived', purpose: 'What a reviewer needs (amounts, counts, country)', retention: WITH_ORDER, erasure: 'anonymise', howErased: 'emptied for the subject’s orders' },
  { table: 'review_items', column: 'reasons', store: 'json_field', owner: 'reviews', category: 'derived', purpose: 'Why the item was queued', retention: WITH_ORDER, erasure: 'anonymise', howErased: 'emptied for the subject’s orders' },
  { table: 'review_items', column: 'decision_note', store: 'column', owner: 'reviews', category: 'free_text', purpose: 'Reviewer’s note', retention: WITH_ORDER, erasure: 'anonymise', howErased: 'replaced by "[erased]"' },
  { table: 'review_items', column: 'subject_id', store: 'column', owner: 'reviews', category: 'pseudonym', purpose: 'The order (or other subject) under review', retention: WITH_ORDER, erasure: 'keep_for_accounting', howErased: 'an order id; the order’s personal fields are anonymised' },
  { table: 'review_items', column: 'assignee', store: 'column', owner: 'reviews', category: 'staff', purpose: 'Who works the item', retention: WITH_ORDER, erasure: 'none' },
  { table: 'review_items', column: 'decided_by', store: 'column', owner: 'reviews', category: 'staff', purpose: 'Who decided', retention: WITH_ORDER, erasure: 'none' },

  // ── behaviour: events, search, carts, recommendations ──
  { table: 'events', column: 'data', store: 'event_payload', path: 'data.sessionKey, data.query, free data', owner: 'events', category: 'behaviour', purpose: 'Analytics, recommendations, automations', retention: THIRTEEN_MONTHS, erasure: 'delete', howErased: 'events of the subject’s sessions deleted; other payloads naming the subject scrubbed' },
  { table: 'search_events', column: 'session_key', store: 'column', owner: 'search', category: 'pseudonym', purpose: 'Search analytics and personal re-ranking', retention: THIRTEEN_MONTHS, erasure: 'delete', howErased: 'rows of the subject’s sessions deleted' },
  { table: 'search_events', column: 'query', store: 'column', owner: 'search', category: 'free_text', purpose: 'Search analytics', retention: THIRTEEN_MONTHS, erasure: 'delete' },
  { table: 'search_events', column: 'query_norm', store: 'column', owner: 'search', category: 'free_text', purpose: 'Search analytics', retention: THIRTEEN_MONTHS, erasure: 'delete' },
  { table: 'carts', column: 'session_key', store: 'column', owner: 'cart', category: 'pseudonym', purpose: 'The visitor’s cart', retention: '90 days after the last change', erasure: 'delete', howErased: 'carts of the subject’s sessions and customer deleted' },
  { table: 'carts', column: 'customer_id', store: 'column', owner: 'cart', category: 'pseudonym', purpose: 'A signed-in customer’s cart', retention: '90 days after the last change', erasure: 'delete' },
  { table: 'carts', column: 'promo_code', store: 'column', owner: 'cart', category: 'free_text', purpose: 'Code typed in the cart', retention: '90 days after the last change', erasure: 'delete' },
  { table: 'rec_item_pairs', column: 'weight', store: 'feature_row', owner: 'recommendations', category: 'behaviour', purpose: 'Item-to-item co-occurrence (aggregated, no session keys)', retention: 'rebuilt nightly from retained events', erasure: 'none', howErased: 'aggregates only; the nightly rebuild drops erased sessions' },
  { table: 'embedder', column: 'product_embeddings', store: 'embedding', owner: 'search', category: 'derived', purpose: 'Product vectors (catalog text only, never shoppers)', retention: 'with the product', erasure: 'none' },

  // ── automations: function runs carry event payloads and step outputs ──
  { table: 'job_runs', column: 'event', store: 'event_payload', owner: 'automations', category: 'behaviour', purpose: 'The event a function run started from', retention: '30 days after the run ended', erasure: 'anonymise', howErased: 'identifiers replaced by "[erased]" in the JSON' },
  { table: 'job_runs', column: 'output', store: 'json_field', owner: 'automations', category: 'behaviour', purpose: 'What a run returned', retention: '30 days after the run ended', erasure: 'anonymise', howErased: 'identifiers replaced by "[erased]"' },
  { table: 'job_runs', column: 'error', store: 'json_field', owner: 'automations', category: 'free_text', purpose: 'Why a run failed', retention: '30 days after the run ended', erasure: 'anonymise', howErased: 'identifiers replaced by "[erased]"' },
  { table: 'job_steps', column: 'data', store: 'json_field', path: 'step results: ids, amounts, outcomes; order-flow steps hold no email (they read it from the order when they send)', owner: 'automations', category: 'contact', purpose: 'Memoised step results (durable resume)', retention: '30 days after the run ended', erasure: 'anonymise', howErased: 'identifiers replaced by "[erased]"' },
  { table: 'job_steps', column: 'error', store: 'json_field', owner: 'automations', category: 'free_text', purpose: 'Step failures', retention: '30 days after the run ended', erasure: 'anonymise', howErased: 'identifiers replaced by "[erased]"' },

  // ── security, audit, observability ──
  { table: 'rate_limits', column: 'key', store: 'column', owner: 'security', category: 'network', purpose: 'Rate limits per client address', retention: 'until the window expires, then deleted nightly', erasure: 'delete', howErased: 'rows keyed by the subject’s IPs deleted' },
  { table: 'audit_events', column: 'actor', store: 'column', owner: 'audit', category: 'staff', purpose: 'Who did it (staff email or system)', retention: 'kept (append-only, hash-chained)', erasure: 'none', howErased: 'shopper data is never written here: ids and tokens only (tested)' },
  { table: 'audit_events', column: 'before', store: 'json_field', owner: 'audit', category: 'staff', purpose: 'State before the change (ids, statuses, tokens)', retention: 'kept (append-only)', erasure: 'none' },
  { table: 'audit_events', column: 'after', store: 'json_field', owner: 'audit', category: 'staff', purpose: 'State after the change (ids, statuses, tokens)', retention: 'kept (append-only)', erasure: 'none' },
  { table: 'audit_events', column: 'reason', store: 'column', owner: 'audit', category: 'free_text', purpose: 'Why (typed by staff)', retention: 'kept (append-only)', erasure: 'none' },
  { table: 'audit_events', column: 'request_id', store: 'column', owner: 'audit', category: 'network', purpose: 'Request id and staff client address', retention: 'kept (append-only)', erasure: 'none' },
  { table: 'logs', column: 'pino', store: 'log_field', path: 'email, ip, token, cookie, card number, address lines', owner: 'observability', category: 'contact', purpose: 'Operations', retention: 'log sink’s retention', erasure: 'none', howErased: 'redacted before writing (server/observability/redact.ts; tested)' },
  { table: 'telemetry_slow_traces', column: 'attributes', store: 'json_field', owner: 'observability', category: 'derived', purpose: 'Slow request attributes (route, status, request id)', retention: 'last few hundred spans', erasure: 'none', howErased: 'span attributes pass the same redaction' },

  // ── privacy's own table ──
  { table: 'privacy_requests', column: 'subject_token', store: 'column', owner: 'privacy', category: 'pseudonym', purpose: 'Find the subject’s rows under current and previous keys; audit without the email', retention: 'kept (proof the request was honoured)', erasure: 'none' },
  { table: 'privacy_requests', column: 'subject_enc', store: 'column', owner: 'privacy', category: 'contact', purpose: 'The email and the ids found from it, encrypted, only while the job runs', retention: 'cleared when the job ends', erasure: 'delete', atRest: 'encrypted' },
  { table: 'privacy_requests', column: 'bundle_enc', store: 'column', owner: 'privacy', category: 'contact', purpose: 'The export bundle, encrypted, for download', retention: '7 days', erasure: 'delete', atRest: 'encrypted' },
  { table: 'privacy_requests', column: 'note', store: 'column', owner: 'privacy', category: 'free_text', purpose: 'Why the request was made (ticket reference)', retention: 'kept', erasure: 'none' },
  { table: 'privacy_requests', column: 'error', store: 'column', owner: 'privacy', category: 'free_text', purpose: 'Why a request failed', retention: 'kept', erasure: 'none' },

  // ── shoppers: optional storefront accounts (server/modules/shoppers) ──
  { table: 'shoppers', column: 'email', store: 'column', owner: 'shoppers', category: 'contact', purpose: 'Shopper account sign-in; links their orders', retention: 'until the account is deleted or erased', erasure: 'delete', howErased: 'account row deleted (sessions cascade), found by email_hash', atRest: 'encrypted' },
  { table: 'shoppers', column: 'name', store: 'column', owner: 'shoppers', category: 'contact', purpose: 'Greeting on the account page', retention: 'until the account is deleted or erased', erasure: 'delete', howErased: 'account row deleted' },
  { table: 'shoppers', column: 'visitor_key', store: 'column', owner: 'shoppers', category: 'pseudonym', purpose: 'The visitor key every signed-in device uses, so history and cart follow the shopper', retention: 'until the account is deleted or erased', erasure: 'delete', howErased: 'account row deleted; everything stored under the key is erased as a session key' },
  { table: 'shopper_sessions', column: 'ip', store: 'column', owner: 'shoppers', category: 'network', purpose: 'Session security', retention: 'until the session expires', erasure: 'delete', howErased: 'deleted with the account' },
  { table: 'shopper_sessions', column: 'user_agent', store: 'column', owner: 'shoppers', category: 'network', purpose: 'Show the shopper where they are signed in', retention: 'until the session expires', erasure: 'delete', howErased: 'deleted with the account' },
  { table: 'review_labels', column: 'subject_id', store: 'column', owner: 'reviews', category: 'pseudonym', purpose: 'The order a review decision labels (training data for the risk model)', retention: WITH_ORDER, erasure: 'delete', howErased: 'labels of the subject’s orders deleted' },

  // ── mail outbox, cart recovery and outbound webhooks (server/modules/mail, recovery, webhooks-out) ──
  { table: 'mail_outbox', column: 'to_address', store: 'column', owner: 'mail', category: 'contact', purpose: 'Deliver a message (order notice, reset link, recovery email)', retention: '30 days, then deleted (nightly retention)', erasure: 'delete', howErased: 'messages to the subject deleted (found by to_hash)', atRest: 'encrypted' },
  { table: 'mail_outbox', column: 'subject', store: 'column', owner: 'mail', category: 'free_text', purpose: 'The message subject', retention: '30 days', erasure: 'delete', howErased: 'deleted with the message' },
  { table: 'mail_outbox', column: 'text_body', store: 'column', owner: 'mail', category: 'free_text', purpose: 'The message (may name the shopper and carry links)', retention: '30 days', erasure: 'delete', howErased: 'deleted with the message' },
  { table: 'mail_outbox', column: 'html_body', store: 'column', owner: 'mail', category: 'free_text', purpose: 'The message as HTML', retention: '30 days', erasure: 'delete', howErased: 'deleted with the message' },
  { table: 'cart_recovery_contacts', column: 'email', store: 'column', owner: 'recovery', category: 'contact', purpose: 'Where to send a cart reminder the shopper agreed to', retention: '90 days after the cart last changed', erasure: 'delete', howErased: 'row deleted (found by email_hash)', atRest: 'encrypted' },
  { table: 'cart_recovery_contacts', column: 'session_key', store: 'column', owner: 'recovery', category: 'pseudonym', purpose: 'The visitor whose cart it is', retention: '90 days after the cart last changed', erasure: 'delete', howErased: 'row deleted' },
  { table: 'cart_recovery_attempts', column: 'session_key', store: 'column', owner: 'recovery', category: 'pseudonym', purpose: 'Link a recovery attempt to the visitor (conversion)', retention: '13 months, then deleted (nightly retention)', erasure: 'anonymise', howErased: 'replaced by a random key: the recovery report keeps its counts' },
  { table: 'webhook_out_events', column: 'payload', store: 'json_field', owner: 'webhooks-out', category: 'pseudonym', purpose: 'Order and alert events sent to the merchant’s systems (ids, statuses, amounts; no email)', retention: '30 days, then deleted (nightly retention)', erasure: 'anonymise', howErased: 'subject identifiers replaced by "[erased]"' },
  { table: 'webhook_endpoints', column: 'created_by', store: 'column', owner: 'webhooks-out', category: 'staff', purpose: 'Who added the endpoint', retention: 'while the endpoint exists', erasure: 'none' },

  // ── staff (console users, not shoppers: managed by staff management) ──
  { table: 'staff_invites', column: 'email', store: 'column', owner: 'auth', category: 'staff', purpose: 'Where a console invitation was sent', retention: 'kept with the staff record', erasure: 'none' },
  { table: 'api_keys', column: 'created_by', store: 'column', owner: 'auth', category: 'staff', purpose: 'Staff member who created the key', retention: 'while the key exists', erasure: 'none' },
  { table: 'policy_approvals', column: 'decided_by', store: 'column', owner: 'policies', category: 'staff', purpose: 'Who approved or rejected a policy version', retention: 'kept with the policy history', erasure: 'none' },
  { table: 'staff', column: 'email', store: 'column', owner: 'auth', category: 'staff', purpose: 'Console sign-in', retention: 'while employed', erasure: 'none' },
  { table: 'staff', column: 'name', store: 'column', owner: 'auth', category: 'staff', purpose: 'Display name', retention: 'while employed', erasure: 'none' },
  { table: 'staff_sessions', column: 'ip', store: 'column', owner: 'auth', category: 'staff', purpose: 'Session security', retention: 'until the session expires', erasure: 'none' },
  { table: 'staff_sessions', column: 'user_agent', store: 'column', owner: 'auth', category: 'staff', purpose: 'Session security', retention: 'until the session expires', erasure: 'none' },
  // ── field encryption (ADR 027): blind indexes that find the encrypted emails ──
  { table: 'customers', column: 'email_hash', store: 'column', owner: 'checkout', category: 'pseudonym', purpose: 'Find the customer by email (the email itself is encrypted); one customer per email', retention: '3 years after the last order', erasure: 'delete', howErased: 'row deleted', atRest: 'blind_index' },
  { table: 'orders', column: 'email_hash', store: 'column', owner: 'checkout', category: 'pseudonym', purpose: 'Find orders by email (console filter, shopper order lookup, privacy requests)', retention: WITH_ORDER, erasure: 'anonymise', howErased: 'set to null', atRest: 'blind_index' },
  { table: 'order_refunds', column: 'reason', store: 'column', owner: 'orders', category: 'free_text', purpose: 'Why staff refunded part of an order', retention: WITH_ORDER, erasure: 'anonymise', howErased: 'mentions of the subject replaced by "[erased]"' },
  { table: 'order_refunds', column: 'actor', store: 'column', owner: 'orders', category: 'staff', purpose: 'Who refunded (staff email or API key)', retention: WITH_ORDER, erasure: 'none' },
  { table: 'order_appeals', column: 'detail', store: 'column', owner: 'orders', category: 'free_text', purpose: 'Outcome of a shopper’s appeal (the reviewer’s reason when rejected)', retention: WITH_ORDER, erasure: 'anonymise', howErased: 'mentions of the subject replaced by "[erased]"' },
  { table: 'order_appeals', column: 'decided_by', store: 'column', owner: 'orders', category: 'staff', purpose: 'Reviewer who decided the appeal', retention: WITH_ORDER, erasure: 'none' },
  // ── the last emails sealed (ADR 034): blind indexes of shopper accounts, reminder contacts, mail ──
  { table: 'shoppers', column: 'email_hash', store: 'column', owner: 'shoppers', category: 'pseudonym', purpose: 'Sign-in and password reset by email (the email itself is encrypted); one account per email', retention: 'until the account is deleted or erased', erasure: 'delete', howErased: 'account row deleted', atRest: 'blind_index' },
  { table: 'cart_recovery_contacts', column: 'email_hash', store: 'column', owner: 'recovery', category: 'pseudonym', purpose: 'Find a subject’s reminder contacts (erasure, export)', retention: '90 days after the cart last changed', erasure: 'delete', howErased: 'row deleted', atRest: 'blind_index' },
  { table: 'mail_outbox', column: 'to_hash', store: 'column', owner: 'mail', category: 'pseudonym', purpose: 'Find a subject’s mail (erasure, export)', retention: '30 days, then deleted (nightly retention)', erasure: 'delete', howErased: 'messages to the subject deleted', atRest: 'blind_index' },
];

/**
 * Columns whose names look personal but hold no personal data, with the reason. The schema
 * test requires every personal-looking column to be in DATA_MAP or here.
 */
export const NOT_PERSONAL: Record<string, string> = {
  'mail_outbox.message_id': 'SMTP message id',
  'cart_recovery_attempts.first_mail_id': 'outbox message id',
  'cart_recovery_attempts.reminder_mail_id': 'outbox message id',
  'webhook_endpoints.description': 'label staff give an endpoint',
  'api_keys.name': 'label staff give a key',
  'console_settings.value': 'store settings (e.g. the four-eyes switch)',
  'policy_approvals.note': 'staff note about a policy version',
  'policy_approvals.decision_note': 'staff note about a policy approval',
  'catalog_imports.file_name': 'name of a catalog file staff uploaded',
  'catalog_imports.report': 'row/column problems of a catalog file (product data)',
  'catalog_import_rows.data': 'a catalog row (product data)',
  'seed_runs.name': 'data set name',
  'models.name': 'model name',
  'models.description': 'written by staff about a model',
  'model_stage_changes.reason': 'why staff changed a model stage',
  'model_stage_changes.actor': 'staff id',
  'model_approvals.note': 'approver note about a model',
  'model_approvals.approver': 'staff id',
  'model_versions.note': 'note about a model version',
  'model_alerts.message': 'guardrail and drift messages (metrics only)',
  'model_alerts.details': 'metric values',
  'decision_logs.request_id': 'request correlation id',
  'events.name': 'event name',
  'job_steps.name': 'step name',
  'job_runs.event_id': 'event id',
  'search_ranking_versions.name': 'ranking version name',
  'search_ranking_versions.note': 'note about a ranking version',
  'search_synonym_versions.note': 'note about synonyms',
  'search_events.request_id': 'request correlation id',
  'experiments.name': 'experiment name',
  'roles.name': 'role name',
  'products.description': 'catalog text',
  'promotions.name': 'promotion name',
  'policy_versions.note': 'note about a policy version',
  'payment_operations.error': 'provider error for an operation (no card data)',
  'payment_webhook_inbox.error': 'why applying a webhook failed',
  'payment_local_webhooks.last_error': 'delivery error',
  'payments.decline_code': 'provider decline code',
  'telemetry_slow_traces.name': 'span name',
  'telemetry_slow_traces.request_id': 'request correlation id',
  'products.attributes': 'catalog attributes',
  'search_documents.facets': 'catalog facets',
  'embedder_artifacts.meta': 'embedder metadata',
  'search_ranking_versions.config': 'ranking weights',
  'search_synonym_versions.entries': 'synonyms',
  'models.guardrails': 'thresholds',
  'model_versions.params': 'model weights',
  'model_versions.evaluation': 'offline metrics',
  'model_settings.value': 'governance settings',
  'decision_shadow_results.agreement': 'number',
  'experiments.secondary_metrics': 'metric names',
  'experiments.guardrail_metrics': 'metric names',
  'experiments.flags': 'experiment flags',
  'orders.discounts': 'discount lines (labels, amounts, promotion ids)',
  'telemetry_minutes.attributes': 'metric attributes (route, status)',
  'search_ranking_versions.created_by': 'staff id',
  'search_synonym_versions.created_by': 'staff id',
  'models.created_by': 'staff id',
  'model_versions.created_by': 'staff id',
  'experiments.created_by': 'staff id',
  'promotions.created_by': 'staff id',
  'rec_rules.created_by': 'staff id',
  'policy_versions.author': 'staff id',
  'event_rejections.reason': 'validation failure reason per day (field names, counts)',
  'job_waits.event_name': 'event name a run waits for',
  'privacy_requests.token_key_id': 'which identity-token key made the token (a key id, not a token)',
  'privacy_requests.progress': 'step names, statuses and row counts',
  'privacy_requests.result': 'row counts per step',
  'privacy_requests.requested_by': 'staff id or "api"',
  'order_refunds.lines': 'variant ids, SKUs, quantities and amounts of a refund',
  'order_appeals.pay_token_hash': 'sha256 of a random one-time payment link token',
  'rec_placement_rules.created_by': 'staff id',
  'search_rerank_evaluations.reason': 'why the gate passed or refused a ranking version (figures, no queries)',
  'cost_tradeoff_runs.result': 'per-path cost and quality aggregates (no request or shopper data)',
};

/** Postgres names of every table the map says may hold a shopper's data. */
export function mappedTables(): string[] {
  return [...new Set(DATA_MAP.filter((e) => e.store !== 'log_field' && e.store !== 'embedding').map((e) => e.table))].sort();
}

/** A column name that may hold personal data (the schema test's net; wide on purpose). */
export const PERSONAL_LOOKING =
  /(^|_)(e?mail|name|phone|mobile|address|addr|ip|fingerprint|last4|card|note|notes|comment|message|text|reason|description|user_agent|agent|session|subject|unit_key|token|query|actor|author|assignee|approver|decided_by|created_by|customer|birth|dob|gender|payload)($|_)/;
