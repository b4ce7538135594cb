// `npm run db:migrate`: applies pending migrations to DATABASE_URL or the embedded database,
// then encrypts contact data still in clear (the data half of the field-encryption migration,
// ADR 027; cheap when nothing is left). It needs the same PII_ENCRYPTION_KEYS and
// IDENTITY_TOKEN_KEYS as the app instances.
import { existsSync } from 'node:fs';
import { encryptPlaintextContacts, migrateDatabase } from '@/server/db/bootstrap';
import { checkDataKeys } from '@/server/lib/key-config';
import { withDatabase } from './with-database';

// Keys may come from .env (withDatabase loads it too, but the key check runs first).
if (existsSync('.env')) process.loadEnvFile('.env');
try {
  // Production (NODE_ENV=production) against a server refuses the public development keys.
  checkDataKeys({ ...process.env, DATABASE_EMBEDDED: process.env.DATABASE_URL ? '0' : '1' });
  const result = await withDatabase(async (url) => {
    const migrated = await migrateDatabase(url);
    const sealed = await encryptPlaintextContacts(url);
    return {
      ...migrated,
      encrypted: {
        customers: sealed.customers.updated,
        orders: sealed.orders.updated,
        shoppers: sealed.shoppers.updated,
        cartRecoveryContacts: sealed.cart_recovery_contacts.updated,
        mailOutbox: sealed.mail_outbox.updated,
        webhookSecrets: sealed.webhook_endpoints.updated,
      },
    };
  });
  console.log(JSON.stringify(result));
} catch (err) {
  console.error(`db:migrate failed: ${(err as Error).message}`);
  process.exit(1);
}
