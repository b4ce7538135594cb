// A data subject: the email a request names, and every key the data map says leads to them
// (customer ids, orders, sessions those orders came from, payments, IPs, card fingerprints,
// names and street lines typed at checkout). Resolved once at the start of a request and kept
// on the request row encrypted, because erasure removes the very rows it was found from: a
// retried step must still know what to erase.
import type { Db } from '@/server/db/client';
import { decryptField, encryptField } from '@/server/lib/field-crypto';
import { identityTokenCandidates } from '@/server/lib/identity-token';
import { emailHashCandidates, openAddress } from './contact-fields';

export type Subject = {
  email: string;
  emailTokens: string[];
  customerIds: string[];
  /** Storefront accounts with this email (optional on requests sealed before accounts existed). */
  shopperIds?: string[];
  orderIds: string[];
  sessionKeys: string[];
  paymentIds: string[];
  providerPaymentIds: string[];
  ips: string[];
  cardFingerprints: string[];
  /** Names and street lines from the subject's addresses. */
  names: string[];
  streets: string[];
};

type AddressJson = { name?: string; line1?: string; line2?: string } | null;

/** Identifiers shorter than this are never scrubbed from free text (too likely to hit others' data). */
const MIN_IDENTIFIER = 4;

export async function resolveSubject(db: Db, rawEmail: string): Promise<Subject> {
  const email = rawEmail.trim().toLowerCase();
  // Customers and orders hold the email encrypted: found through its blind index under every
  // configured key, or in clear for rows the encryption backfill has not reached yet.
  const hashes = emailHashCandidates(email);
  const customers = await db.$queryRaw<{ id: string }[]>`SELECT id FROM customers
    WHERE email_hash = ANY(${hashes}::text[]) OR (email_hash IS NULL AND email = ${email})`;
  const customerIds = customers.map((c) => c.id);
  // A shopper account's visitor key is the session key of every device it signed in on.
  // Accounts, reminder contacts and mail hold the email sealed too (ADR 034): same blind index.
  const shoppers = await db.$queryRaw<{ id: string; name: string; visitor_key: string }[]>`
    SELECT id, name, visitor_key FROM shoppers WHERE email_hash = ANY(${hashes}::text[]) OR (email_hash IS NULL AND email = ${email})`;
  const shopperIds = shoppers.map((s) => s.id);
  // A shopper who left an email for cart reminders but never ordered is found through it.
  const recoveryContacts = await db.$queryRaw<{ session_key: string }[]>`
    SELECT session_key FROM cart_recovery_contacts WHERE email_hash = ANY(${hashes}::text[]) OR (email_hash IS NULL AND lower(email) = ${email})`;
  const shopperIps = await db.$queryRaw<{ ip: string }[]>`
    SELECT DISTINCT ip FROM shopper_sessions WHERE shopper_id = ANY(${shopperIds}::text[]) AND ip <> ''`;
  const orders = await db.$queryRaw<
    { id: string; session_key: string | null; ip_address: string | null; payment_id: string | null; shipping_address: AddressJson; billing_address: AddressJson }[]
  >`SELECT id, session_key, ip_address, payment_id, shipping_address, billing_address FROM orders
    WHERE email_hash = ANY(${hashes}::text[]) OR customer_id = ANY(${customerIds}::text[]) OR (email_hash IS NULL AND email = ${email})`;
  const orderIds = orders.map((o) => o.id);
  const payments = await db.$queryRaw<{ id: string; provider_payment_id: string | null; fingerprint: string | null }[]>`
    SELECT id, provider_payment_id, fingerprint FROM payments WHERE order_id = ANY(${orderIds}::text[])`;
  const uniq = (xs: (string | null | undefined)[]) => [...new Set(xs.filter((x): x is string => typeof x === 'string' && x.trim().length > 0).map((x) => x.trim()))];
  const addresses = orders
    .flatMap((o) => [openAddress<NonNullable<AddressJson>>(o.shipping_address), openAddress<NonNullable<AddressJson>>(o.billing_address)])
    .filter((a): a is NonNullable<AddressJson> => !!a);
  return {
    email,
    emailTokens: identityTokenCandidates('email', email),
    customerIds,
    shopperIds,
    orderIds,
    sessionKeys: uniq([
      ...orders.map((o) => o.session_key),
      ...shoppers.map((s) => s.visitor_key),
      ...recoveryContacts.map((c) => c.session_key),
    ]),
    paymentIds: uniq([...payments.map((p) => p.id), ...orders.map((o) => o.payment_id)]),
    providerPaymentIds: uniq(payments.map((p) => p.provider_payment_id)),
    ips: uniq([...orders.map((o) => o.ip_address), ...shopperIps.map((r) => r.ip)]),
    cardFingerprints: uniq(payments.map((p) => p.fingerprint)),
    names: uniq([...addresses.map((a) => a.name), ...shoppers.map((s) => s.name)]),
    streets: uniq(addresses.flatMap((a) => [a.line1, a.line2])),
  };
}

/**
 * Every identifier of the subject that must not survive in free text or JSON: raw ones, and
 * the visitor keys of their browsers (random, but they link the rest back to the person).
 */
export function subjectIdentifiers(s: Subject): string[] {
  return [s.email, ...s.names, ...s.streets, ...s.ips, ...s.cardFingerprints, ...s.sessionKeys].filter((x) => x.length >= MIN_IDENTIFIER);
}

export const sealSubject = (s: Subject): string => encryptField(JSON.stringify(s));
export const openSubject = (sealed: string): Subject => JSON.parse(decryptField(sealed)) as Subject;
