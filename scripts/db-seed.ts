// `npm run db:seed [-- --from <dir>]`: loads the committed catalog, or a WANDS directory
// (the dev pool in ../shared/data/wands, or the full WANDS dataset's folder).
import { parseArgs } from 'node:util';
import { createPrismaClient } from '@/server/db/client';
import { migrateDatabase } from '@/server/db/bootstrap';
import { productFileIn, seedCatalog } from '@/server/db/seed';
import { withDatabase } from './with-database';

const { values } = parseArgs({ options: { from: { type: 'string' }, force: { type: 'boolean', default: false } } });

try {
  const file = values.from ? productFileIn(values.from) : undefined;
  const outcome = await withDatabase(async (url) => {
    await migrateDatabase(url);
    const db = createPrismaClient(url, 1);
    try {
      return await seedCatalog(db, { file, force: values.force });
    } finally {
      await db.$disconnect();
    }
  });
  console.log(JSON.stringify(outcome));
} catch (err) {
  console.error(`db:seed failed: ${(err as Error).message}`);
  process.exit(1);
}
