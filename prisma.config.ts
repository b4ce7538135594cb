import { defineConfig } from 'prisma/config';

// The CLI is used only for `prisma generate` here (see docs/decisions/002-migrations.md);
// migrations are applied by our own runner (`npm run db:migrate`).
export default defineConfig({
  schema: 'prisma/schema.prisma',
  migrations: { path: 'prisma/migrations' },
  datasource: { url: process.env.DATABASE_URL ?? 'postgres://localhost:5432/unused' },
});
