import path from 'node:path';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  resolve: { alias: { '@': path.resolve(import.meta.dirname) } },
  test: {
    environment: 'node',
    include: ['**/*.test.ts'],
    exclude: ['node_modules/**', '.next/**', 'e2e/**', '.data/**'],
    globalSetup: ['./vitest.global-setup.ts'],
    // Embedded Postgres takes ~5 s to open per file; a real server is much faster.
    hookTimeout: 60_000,
    testTimeout: 30_000,
    pool: 'forks',
    // Vitest's default is one worker per core minus one: a single worker on a 2-core CI box, which
    // leaves the CPU idle while integration tests wait on Postgres, child processes and timers.
    // Files are isolated (each gets its own database and process), so three run side by side.
    maxWorkers: Number(process.env.VITEST_MAX_WORKERS ?? (process.env.CI ? 3 : 0)) || undefined,
    reporters: process.env.CI ? ['default', 'json'] : ['default'],
    outputFile: { json: '.test-results/vitest.json' },
  },
});
