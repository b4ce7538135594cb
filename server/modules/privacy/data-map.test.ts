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
    // Raw contact data lives only on orders, customer records (customers, shopper accounts, the
    // address a shopper gave for cart reminders), payments, the mail outbox while a message is
    // delivered (30 days), and privacy's own encrypted copy.
    const contactTables = new Set(DATA_MAP.filter((e) => e.category === 'contact' && e.store === 'column').map((e) => e.table));
    expect([...contactTables].sort()).toEqual(['cart_recovery_contacts', 'customers', 'mail_outbox', 'orders', 'payment_local_webhooks', 'payments', 'privacy_requests', 'shoppers']);
  });

  it('marks the contact data of orders and customers as encrypted at rest, with blind indexes for lookups', () => {
    const at = (kind: 'encrypted' | 'blind_index') =>
      DATA_MAP.filter((e) => e.atRest === kind && (e.table === 'orders' || e.table === 'customers')).map((e) => `${e.table}.${e.column}`).sort();
    // field-encryption.integration.test.ts proves these hold no value in clear.
    expect(at('encrypted')).toEqual(['customers.email', 'orders.billing_address', 'orders.email', 'orders.shipping_address']);
    expect(at('blind_index')).toEqual(['customers.email_hash', 'orders.email_hash']);
  });
});
