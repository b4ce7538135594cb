// Runs `prisma generate` on a fresh install without network access.
// Prisma 7's CLI wants a schema-engine binary path even for `generate`, which never
// executes it (the prisma-client generator uses the WASM query compiler), so any
// existing file satisfies the check. A real binary set by the user wins.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';

const env = { ...process.env };
if (!env.PRISMA_SCHEMA_ENGINE_BINARY || !existsSync(env.PRISMA_SCHEMA_ENGINE_BINARY)) {
  env.PRISMA_SCHEMA_ENGINE_BINARY = process.execPath;
}
// generate never connects; prisma.config.ts only needs a syntactically valid URL.
env.DATABASE_URL ??= 'postgres://localhost:5432/unused';
env.PRISMA_HIDE_UPDATE_MESSAGE = '1';

const result = spawnSync('npx', ['--no-install', 'prisma', 'generate'], { stdio: 'inherit', env });
process.exit(result.status ?? 1);
