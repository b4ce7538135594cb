import { defineConfig, globalIgnores } from 'eslint/config';
import nextVitals from 'eslint-config-next/core-web-vitals';
import nextTs from 'eslint-config-next/typescript';

export default defineConfig([
  ...nextVitals,
  ...nextTs,
  globalIgnores(['.next/**', 'node_modules/**', '.data/**', 'server/db/generated/**', 'playwright-report/**', 'test-results/**', '.test-results/**', 'next-env.d.ts']),
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      // Modules stay free of transport concerns: no tRPC or Next in server/modules.
      'no-restricted-imports': 'off',
    },
  },
  {
    // Tests and scripts are not React: `useTestDatabase()` is a vitest fixture, not a hook.
    files: ['**/*.test.ts', 'scripts/**/*.ts', 'e2e/**/*.ts'],
    rules: { 'react-hooks/rules-of-hooks': 'off' },
  },
  {
    files: ['server/modules/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        { patterns: [{ group: ['@trpc/*', 'next', 'next/*'], message: 'Modules are transport-free: throw DomainError, let server/api map it.' }] },
      ],
    },
  },
]);
