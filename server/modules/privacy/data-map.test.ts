import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { checkDataMap, schemaColumns } from './check-data-map';
import { DATA_MAP } from './data-map';

const SCHEMA = path.resolve(import.meta.dirname, '../../../prisma/schema.prisma');

describe('data map', () => {
  it('declares every personal-looking and JSON column of the schema, and nothing that does not exist', async () => {
    const columns = await schemaColumns(SCHEMA);
    expect(columns.length).toBeGreaterThan(300);
    expect(checkDataMap(columns)).toEqual([]);
  });

  it('fails for a new personal-looking column and for a column that was removed', async () => {
    const columns = await schemaColumns(SCHEMA);
    const withNew = [...columns, { table: 'customers', column: 'phone_number', type: 'String' }, { table: 'carts', column: 'gift_message', type: 'String' }, { table: 'orders', column: 'extra', type: 'Json' }];
    expect(checkDataMap(withNew)).toEqual([
      'customers.phone_number: looks personal but is not in the data map',
      'carts.gift_message: looks personal but is not in the data map',
      'orders.extra: JSON column not in the data map (declare it, or list it in NOT_PERSONAL with a reason)',
    ]);
    const withoutEmail = columns.filter((c) => !(c.table === 'orders' && c.column === 'email'));
    expect(checkDataMap(withoutEmail)).toEqual(['orders.email: named by the data map but not in the schema']);
  });

  it('gives every entry a purpose, a retention and an erasure action', () => {
    for (const e of DATA_MAP) {
      expect(e.purpose.length, `${e.table}.${e.column}`).toBeGreaterThan(3);
      expect(e.retention.length, `${e.table}.${e.column}`).toBeGreaterThan(3);
      expect(['delete', 'anonymise', 'keep_for_accounting', 'none']).toContain(e.erasure);
    }
    // Contact data lives only on orders, customer records (customers, shopper accounts, the
    // address a shopper gave for cart reminders), the mail outbox while a message is delivered
    // (30 days), local provider deliveries, and privacy's own encrypted copy. Payments hold no
    // email (ADR 034).
    const contactTables = new Set(DATA_MAP.filter((e) => e.category === 'contact' && e.store === 'column').map((e) => e.table));
    expect([...contactTables].sort()).toEqual(['cart_recovery_contacts', 'customers', 'mail_outbox', 'orders', 'payment_local_webhooks', 'privacy_requests', 'shoppers']);
  });

  it('marks every stored email and address column as encrypted at rest, with blind indexes for lookups', () => {
    const at = (kind: 'encrypted' | 'blind_index') =>
      DATA_MAP.filter((e) => e.atRest === kind && e.table !== 'privacy_requests' && e.table !== 'idempotency_keys').map((e) => `${e.table}.${e.column}`).sort();
    // field-encryption.integration.test.ts and sealed-emails.integration.test.ts prove these hold no value in clear.
    expect(at('encrypted')).toEqual([
      'cart_recovery_contacts.email',
      'customers.email',
      'mail_outbox.to_address',
      'orders.billing_address',
      'orders.email',
      'orders.shipping_address',
      'shoppers.email',
    ]);
    expect(at('blind_index')).toEqual(['cart_recovery_contacts.email_hash', 'customers.email_hash', 'mail_outbox.to_hash', 'orders.email_hash', 'shoppers.email_hash']);
    // Every shopper contact column (an email of a shopper, not staff) is sealed.
    const clear = DATA_MAP.filter((e) => e.category === 'contact' && e.store === 'column' && /email|address/.test(e.column) && e.atRest !== 'encrypted');
    expect(clear.map((e) => `${e.table}.${e.column}`)).toEqual([]);
  });
});
