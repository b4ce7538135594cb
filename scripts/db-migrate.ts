// `npm run db:migrate`: applies pending migrations to DATABASE_URL or the embedded database.
import { migrateDatabase } from '@/server/db/bootstrap';
import { withDatabase } from './with-database';

try {
  const result = await withDatabase(migrateDatabase);
  console.log(JSON.stringify(result));
} catch (err) {
  console.error(`db:migrate failed: ${(err as Error).message}`);
  process.exit(1);
}
