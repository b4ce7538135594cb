// `npm run privacy:encrypt-backfill`: encrypts customers', orders', shopper accounts',
// cart-reminder contacts' and outgoing mail's email, order addresses and webhook signing
// secrets still stored in clear (ADR 027, ADR 034). Idempotent, batched (--batch, 500),
// resumable: stop it at any time and run it again. `npm start` runs it too, before serving.
// `npm run privacy:rotate-keys` (--rotate): after putting a new key first in
// PII_ENCRYPTION_KEYS (and/or IDENTITY_TOKEN_KEYS), re-encrypts every value still under an old
// key and re-derives every email's blind index; remove the old key once it reports nothing left.
// --check: only counts values in clear (exit 1 when there are any).
import { existsSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { createPrismaClient } from '@/server/db/client';
import { fieldKeys } from '@/server/lib/field-crypto';
import { checkDataKeys } from '@/server/lib/key-config';
import { countPlaintextContacts, encryptBackfill } from '@/server/modules/privacy/encrypt-backfill';
import { withDatabase } from '../with-database';

// Keys may come from .env (withDatabase loads it too, but the key check runs first).
if (existsSync('.env')) process.loadEnvFile('.env');
const { values } = parseArgs({
  options: { rotate: { type: 'boolean', default: false }, check: { type: 'boolean', default: false }, batch: { type: 'string', default: '500' } },
});
const tag = values.rotate ? '[rotate-keys]' : '[encrypt-backfill]';
const batchSize = Number(values.batch);
if (!Number.isInteger(batchSize) || batchSize < 1 || batchSize > 10_000) {
  console.error(`${tag} --batch must be a whole number from 1 to 10000`);
  process.exit(1);
}

let missing: string[] = [];
try {
  missing = checkDataKeys({ ...process.env, DATABASE_EMBEDDED: process.env.DATABASE_URL ? '0' : '1' });
} catch (err) {
  console.error(`${tag} ${(err as Error).message}`);
  process.exit(1);
}

await withDatabase(async (url) => {
  if (missing.length) console.log(`${tag} note: using the public development keys for ${missing.join(' and ')}`);
  const db = createPrismaClient(url, 1);
  try {
    if (!values.check) {
      const t0 = performance.now();
      console.log(`${tag} current field key "${fieldKeys()[0]!.id}", batches of ${batchSize}`);
      const r = await encryptBackfill(db, {
        mode: values.rotate ? 'rotate' : 'backfill',
        batchSize,
        onProgress: (p) => console.log(`${tag} ${p.table}: ${p.scanned} checked, ${p.updated} encrypted${p.merged ? `, ${p.merged} duplicate customers merged` : ''}`),
      });
      console.log(`${tag} done in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
      console.log(
        JSON.stringify({
          customers: r.customers,
          orders: r.orders,
          shoppers: r.shoppers,
          cartRecoveryContacts: r.cart_recovery_contacts,
          mailOutbox: r.mail_outbox,
          webhookEndpoints: r.webhook_endpoints,
        }),
      );
    }
    const left = await countPlaintextContacts(db);
    const total = Object.values(left).reduce((a, b) => a + b, 0);
    console.log(`${tag} values still in clear: ${total === 0 ? 'none' : JSON.stringify(left)}`);
    if (values.check && total > 0) process.exitCode = 1;
  } finally {
    await db.$disconnect();
  }
});
