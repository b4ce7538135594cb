// Encrypts contact data written before field encryption (ADR 027, ADR 034), and re-encrypts it
// after a key rotation: customers', orders', shopper accounts', cart-reminder contacts' and
// outgoing mail's email (+ its blind index), order addresses, and the webhook endpoints'
// signing secrets.
//
// Batched and resumable: each batch is one short transaction that locks its rows, computes the
// sealed values in the app (the keys never reach SQL) and writes only rows that change, so a
// run killed at any point leaves every batch either done or untouched, and the next run skips
// what is done. Rows are walked in id order (primary-key index), with a SQL predicate for
// "still plaintext" in backfill mode; rotation mode decrypts every row (the current key's
// blind index cannot be tested in SQL) and writes those under an old key.
import { withTx, type Db } from '@/server/db/client';
import { encryptField, fieldKeys, isEncrypted, decryptField, type FieldKey } from '@/server/lib/field-crypto';
import { missingDataKeys } from '@/server/lib/key-config';
import { emailHash, normaliseEmail, openEmail, resealAddress, resealEmail, resealRecipient } from './contact-fields';

export const ERASED_EMAIL = 'erased@invalid';

export type BackfillTable = 'customers' | 'orders' | 'shoppers' | 'cart_recovery_contacts' | 'mail_outbox' | 'webhook_endpoints';
export type BackfillProgress = { table: BackfillTable; scanned: number; updated: number; merged: number };
export type BackfillOptions = {
  /** `backfill` (default): plaintext only. `rotate`: also values under an old key or an old blind-index key. */
  mode?: 'backfill' | 'rotate';
  batchSize?: number;
  /** Stop after this many batches (the rest is left for the next run). */
  maxBatches?: number;
  onProgress?: (p: BackfillProgress) => void;
  /** Called inside each batch's transaction after its writes (tests use it to interrupt a batch). */
  afterBatchWrites?: (table: BackfillTable, batch: number) => void | Promise<void>;
  keys?: FieldKey[];
};
export type BackfillResult = Record<BackfillTable, { scanned: number; updated: number; merged: number }> & { complete: boolean };

const ENC = 'enc:v1:%';

type CustomerRow = { id: string; email: string; email_hash: string | null; updated_at: Date };
type OrderRow = { id: string; email: string; email_hash: string | null; shipping_address: unknown; billing_address: unknown };

export async function encryptBackfill(db: Db, opts: BackfillOptions = {}): Promise<BackfillResult> {
  const keys = opts.keys ?? fieldKeys();
  const rotate = opts.mode === 'rotate';
  const size = opts.batchSize ?? 500;
  let batches = 0;
  const budgetLeft = () => opts.maxBatches === undefined || batches < opts.maxBatches;
  const result: BackfillResult = {
    customers: { scanned: 0, updated: 0, merged: 0 },
    orders: { scanned: 0, updated: 0, merged: 0 },
    shoppers: { scanned: 0, updated: 0, merged: 0 },
    cart_recovery_contacts: { scanned: 0, updated: 0, merged: 0 },
    mail_outbox: { scanned: 0, updated: 0, merged: 0 },
    webhook_endpoints: { scanned: 0, updated: 0, merged: 0 },
    complete: false,
  };
  const tx = <T>(fn: (t: Db) => Promise<T>) => withTx(db, fn);

  // ── customers ──
  for (let cursor = '', done = false; !done && budgetLeft(); ) {
    const n = batches++;
    await tx(async (t) => {
      const rows = rotate
        ? await t.$queryRaw<CustomerRow[]>`SELECT id, email, email_hash, updated_at FROM customers WHERE id > ${cursor} ORDER BY id LIMIT ${size} FOR UPDATE`
        : await t.$queryRaw<CustomerRow[]>`SELECT id, email, email_hash, updated_at FROM customers
            WHERE id > ${cursor} AND (email NOT LIKE ${ENC} OR email_hash IS NULL) ORDER BY id LIMIT ${size} FOR UPDATE`;
      done = rows.length < size;
      if (rows.length === 0) return;
      cursor = rows.at(-1)!.id;
      const changes = rows
        .map((r) => {
          const plain = normaliseEmail(openEmail(r.email, keys));
          const email = resealEmail(r.email, keys) ?? r.email;
          const hash = emailHash(plain);
          return { id: r.id, email, hash, updatedAt: r.updated_at, changed: email !== r.email || hash !== r.email_hash };
        })
        .filter((c) => c.changed);
      // One customer per email: a row whose blind index another row already has (a checkout
      // under the new key before this ran) is merged into it, its orders re-pointed.
      const hashes = [...new Set(changes.map((c) => c.hash))];
      const holders = await t.$queryRaw<{ id: string; email_hash: string }[]>`
        SELECT id, email_hash FROM customers WHERE email_hash = ANY(${hashes}::text[]) AND id <> ALL(${changes.map((c) => c.id)}::text[])`;
      const survivor = new Map(holders.map((h) => [h.email_hash, h.id]));
      const keep: typeof changes = [];
      let merged = 0;
      for (const c of changes) {
        const into = survivor.get(c.hash);
        if (!into) {
          survivor.set(c.hash, c.id);
          keep.push(c);
          continue;
        }
        await t.$executeRaw`UPDATE orders SET customer_id = ${into} WHERE customer_id = ${c.id}`;
        await t.$executeRaw`UPDATE customers SET updated_at = GREATEST(updated_at, ${c.updatedAt}) WHERE id = ${into}`;
        await t.$executeRaw`DELETE FROM customers WHERE id = ${c.id}`;
        merged++;
      }
      if (keep.length) {
        // Clear the old indexes first so swapping two rows' values cannot trip the unique index mid-statement.
        await t.$executeRaw`UPDATE customers SET email_hash = NULL WHERE id = ANY(${keep.map((c) => c.id)}::text[])`;
        await t.$executeRaw`UPDATE customers AS c SET email = x.email, email_hash = x.hash
          FROM unnest(${keep.map((c) => c.id)}::text[], ${keep.map((c) => c.email)}::text[], ${keep.map((c) => c.hash)}::text[]) AS x(id, email, hash)
          WHERE c.id = x.id`;
      }
      await opts.afterBatchWrites?.('customers', n);
      result.customers.scanned += rows.length;
      result.customers.updated += keep.length;
      result.customers.merged += merged;
    });
    opts.onProgress?.({ table: 'customers', ...result.customers });
  }

  // ── orders ──
  for (let cursor = '', done = false; !done && budgetLeft(); ) {
    const n = batches++;
    await tx(async (t) => {
      const rows = rotate
        ? await t.$queryRaw<OrderRow[]>`SELECT id, email, email_hash, shipping_address, billing_address FROM orders
            WHERE id > ${cursor} ORDER BY id LIMIT ${size} FOR UPDATE`
        : await t.$queryRaw<OrderRow[]>`SELECT id, email, email_hash, shipping_address, billing_address FROM orders
            WHERE id > ${cursor} AND (
              (email <> ${ERASED_EMAIL} AND (email NOT LIKE ${ENC} OR email_hash IS NULL))
              OR (jsonb_typeof(shipping_address) = 'object' AND NOT shipping_address ? 'sealed' AND NOT shipping_address ? 'erased')
              OR (jsonb_typeof(billing_address) = 'object' AND NOT billing_address ? 'sealed' AND NOT billing_address ? 'erased'))
            ORDER BY id LIMIT ${size} FOR UPDATE`;
      done = rows.length < size;
      if (rows.length === 0) return;
      cursor = rows.at(-1)!.id;
      const changes = rows.flatMap((r) => {
        const erased = r.email === ERASED_EMAIL;
        const email = erased ? r.email : (resealEmail(r.email, keys) ?? r.email);
        const hash = erased ? null : emailHash(openEmail(r.email, keys));
        const ship = resealAddress(r.shipping_address, keys);
        const bill = resealAddress(r.billing_address, keys);
        if (email === r.email && hash === r.email_hash && !ship && !bill) return [];
        return [{ id: r.id, email, hash, ship: JSON.stringify(ship ?? r.shipping_address), bill: r.billing_address == null && !bill ? null : JSON.stringify(bill ?? r.billing_address) }];
      });
      if (changes.length) {
        await t.$executeRaw`UPDATE orders AS o SET email = x.email, email_hash = x.hash, shipping_address = x.ship::jsonb, billing_address = x.bill::jsonb
          FROM unnest(${changes.map((c) => c.id)}::text[], ${changes.map((c) => c.email)}::text[], ${changes.map((c) => c.hash)}::text[],
                      ${changes.map((c) => c.ship)}::text[], ${changes.map((c) => c.bill)}::text[]) AS x(id, email, hash, ship, bill)
          WHERE o.id = x.id`;
      }
      await opts.afterBatchWrites?.('orders', n);
      result.orders.scanned += rows.length;
      result.orders.updated += changes.length;
    });
    opts.onProgress?.({ table: 'orders', ...result.orders });
  }

  // ── one sealed email + its blind index per row (ADR 034) ──
  for (const spec of SEALED_EMAIL_COLUMNS) {
    for (let cursor = '', done = false; !done && budgetLeft(); ) {
      const n = batches++;
      await tx(async (t) => {
        const { table, id, value, hash } = spec;
        // Names are the constants below; the cursor, marker and batch size are parameters.
        const rows = await t.$queryRawUnsafe<{ id: string; value: string; hash: string | null }[]>(
          `SELECT "${id}" AS id, "${value}" AS value, "${hash}" AS hash FROM "${table}" WHERE "${id}" > $1
             AND ($3 OR "${value}" NOT LIKE $4 OR "${hash}" IS NULL) ORDER BY "${id}" LIMIT $2 FOR UPDATE`,
          cursor,
          size,
          rotate,
          ENC,
        );
        done = rows.length < size;
        if (rows.length === 0) return;
        cursor = rows.at(-1)!.id;
        const changes = rows.flatMap((r) => {
          const sealed = spec.reseal(r.value, keys) ?? r.value;
          const h = emailHash(openEmail(r.value, keys));
          return sealed === r.value && h === r.hash ? [] : [{ id: r.id, value: sealed, hash: h }];
        });
        if (changes.length) {
          // Clear the old indexes first so two rows swapping values cannot trip a unique index mid-statement.
          await t.$executeRawUnsafe(`UPDATE "${table}" SET "${hash}" = NULL WHERE "${id}" = ANY($1::text[])`, changes.map((c) => c.id));
          await t.$executeRawUnsafe(
            `UPDATE "${table}" AS t SET "${value}" = x.value, "${hash}" = x.hash
               FROM unnest($1::text[], $2::text[], $3::text[]) AS x(id, value, hash) WHERE t."${id}" = x.id`,
            changes.map((c) => c.id),
            changes.map((c) => c.value),
            changes.map((c) => c.hash),
          );
        }
        await opts.afterBatchWrites?.(table, n);
        result[table].scanned += rows.length;
        result[table].updated += changes.length;
      });
      opts.onProgress?.({ table: spec.table, ...result[spec.table] });
    }
  }

  // ── webhook signing secrets (a handful of rows: one batch) ──
  if (budgetLeft()) {
    batches++;
    const current = `enc:v1:${keys[0]!.id}:`;
    await tx(async (t) => {
      const rows = await t.$queryRaw<{ id: string; secret: string; previous_secret: string | null }[]>`
        SELECT id, secret, previous_secret FROM webhook_endpoints ORDER BY id FOR UPDATE`;
      const reseal = (v: string) => (v.startsWith(current) ? v : encryptField(decryptField(v, keys), keys));
      for (const r of rows) {
        const needs = (v: string | null) => v !== null && (rotate ? !v.startsWith(current) : !isEncrypted(v));
        if (!needs(r.secret) && !needs(r.previous_secret)) continue;
        await t.$executeRaw`UPDATE webhook_endpoints SET secret = ${reseal(r.secret)},
          previous_secret = ${r.previous_secret === null ? null : reseal(r.previous_secret)} WHERE id = ${r.id}`;
        result.webhook_endpoints.updated++;
      }
      await opts.afterBatchWrites?.('webhook_endpoints', 0);
      result.webhook_endpoints.scanned = rows.length;
    });
    opts.onProgress?.({ table: 'webhook_endpoints', ...result.webhook_endpoints });
    result.complete = true;
  }
  return result;
}

/** Tables holding one sealed email and its blind index (ADR 034); names are trusted constants. */
const SEALED_EMAIL_COLUMNS: { table: 'shoppers' | 'cart_recovery_contacts' | 'mail_outbox'; id: string; value: string; hash: string; reseal: (v: string, k: FieldKey[]) => string | null }[] = [
  { table: 'shoppers', id: 'id', value: 'email', hash: 'email_hash', reseal: resealEmail },
  { table: 'cart_recovery_contacts', id: 'cart_id', value: 'email', hash: 'email_hash', reseal: resealEmail },
  // A recipient keeps its case (the mailbox's local part may be case-sensitive); its hash is normalised.
  { table: 'mail_outbox', id: 'id', value: 'to_address', hash: 'to_hash', reseal: resealRecipient },
];

export type PlaintextReport = {
  customersEmail: number;
  ordersEmail: number;
  ordersShippingAddress: number;
  ordersBillingAddress: number;
  shoppersEmail: number;
  recoveryContactsEmail: number;
  mailRecipients: number;
  webhookSecrets: number;
};

/**
 * Proof for the privacy scan: how many rows still hold contact data or secrets in clear
 * (anything but ciphertext, an erased marker, or an address reduced to country/region).
 */
export async function countPlaintextContacts(db: Db): Promise<PlaintextReport> {
  const [r] = await db.$queryRaw<PlaintextReport[]>`SELECT
      (SELECT count(*) FROM customers WHERE email NOT LIKE ${ENC})::int AS "customersEmail",
      (SELECT count(*) FROM orders WHERE email NOT LIKE ${ENC} AND email <> ${ERASED_EMAIL})::int AS "ordersEmail",
      (SELECT count(*) FROM orders WHERE jsonb_typeof(shipping_address) = 'object' AND NOT shipping_address ? 'sealed'
         AND (shipping_address ?| ARRAY['name', 'line1', 'line2', 'city', 'postalCode']))::int AS "ordersShippingAddress",
      (SELECT count(*) FROM orders WHERE jsonb_typeof(billing_address) = 'object' AND NOT billing_address ? 'sealed'
         AND (billing_address ?| ARRAY['name', 'line1', 'line2', 'city', 'postalCode']))::int AS "ordersBillingAddress",
      (SELECT count(*) FROM shoppers WHERE email NOT LIKE ${ENC})::int AS "shoppersEmail",
      (SELECT count(*) FROM cart_recovery_contacts WHERE email NOT LIKE ${ENC})::int AS "recoveryContactsEmail",
      (SELECT count(*) FROM mail_outbox WHERE to_address NOT LIKE ${ENC})::int AS "mailRecipients",
      (SELECT count(*) FROM webhook_endpoints WHERE secret NOT LIKE ${ENC} OR previous_secret NOT LIKE ${ENC})::int AS "webhookSecrets"`;
  return r!;
}

export type EncryptionStatus = { inClear: PlaintextReport; totalInClear: number; currentKeyId: string; developmentKeys: string[] };

/** Console → Privacy: values still in clear, the current field key, and whether the keys are the public development ones. */
export async function encryptionStatus(db: Db): Promise<EncryptionStatus> {
  const inClear = await countPlaintextContacts(db);
  return {
    inClear,
    totalInClear: Object.values(inClear).reduce((a, b) => a + b, 0),
    currentKeyId: fieldKeys()[0]!.id,
    developmentKeys: missingDataKeys(),
  };
}
