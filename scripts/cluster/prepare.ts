// Prepares the scratch database of the multi-instance test (e2e/multi-instance.spec.ts):
//   tsx scripts/cluster/prepare.ts <database url> <stock>
// First migrates it the way the app does (server/db/bootstrap.ts) and prints "migrated", so
// the app instances (not ready before) can start while the rest runs: what a first
// `npm start` creates (default policies, the trained risk model, the discount model, the
// console owner from CONSOLE_OWNER_PASSWORD), one variant to sell and three products for
// catalog edits, indexed for search. Last stdout line: JSON.
import { ensureConsoleOwner, indexSearch, migrateDatabase } from '@/server/db/bootstrap';
import { createPrismaClient } from '@/server/db/client';
import { ensureStoreDefaults, makeVariant } from '@/server/modules/checkout/checkout.fixtures';

const [url, stockArg] = process.argv.slice(2);
if (!url) {
  console.error('usage: tsx scripts/cluster/prepare.ts <database url> [stock]');
  process.exit(2);
}

await migrateDatabase(url);
console.log('migrated');
const db = createPrismaClient(url, 4);
try {
  const catalog = async () => {
    const variant = await makeVariant(db, { stock: Number(stockArg ?? 40), priceCents: 2_900, category: ['Home', 'Mugs'] });
    const products = await Promise.all(
      [0, 1, 2].map((i) => makeVariant(db, { stock: 10, priceCents: 5_000 + i * 100, category: ['Home', 'Lamps'] })),
    );
    await indexSearch(url);
    return { variant, products };
  };
  const [fixture] = await Promise.all([catalog(), ensureStoreDefaults(db), ensureConsoleOwner(url)]);
  console.log(JSON.stringify(fixture));
} finally {
  await db.$disconnect();
}
