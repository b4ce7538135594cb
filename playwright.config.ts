import { existsSync } from 'node:fs';
import { defineConfig, devices } from '@playwright/test';

// `npx playwright install` cannot download here; Debian's chromium works when present.
const chromiumPath = process.env.PLAYWRIGHT_CHROMIUM_PATH ?? (existsSync('/usr/bin/chromium') ? '/usr/bin/chromium' : undefined);
const port = Number(process.env.E2E_PORT ?? 3100);

export default defineConfig({
  testDir: './e2e',
  fullyParallel: false,
  workers: 1,
  retries: process.env.CI ? 1 : 0,
  timeout: 30_000,
  reporter: process.env.CI
    ? [['list'], ['json', { outputFile: '.test-results/playwright.json' }]]
    : [['list']],
  use: {
    baseURL: `http://127.0.0.1:${port}`,
    trace: 'retain-on-failure',
    screenshot: 'only-on-failure',
  },
  projects: [
    {
      name: 'chromium',
      use: {
        ...devices['Desktop Chrome'],
        launchOptions: {
          executablePath: chromiumPath,
          args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking'],
        },
      },
    },
  ],
  // The production build on the embedded database, exactly as `npm start` runs it, with its
  // own data dir so e2e never touches a developer's store.
  webServer: {
    // A fresh data dir each run, so journeys start from the seeded store and nothing else.
    command: 'rm -rf .data/e2e && npm start',
    url: `http://127.0.0.1:${port}/api/health`,
    // A cold start builds the app first (about 1–2 min on a quiet 2-core machine, far more under load).
    timeout: 900_000,
    reuseExistingServer: false,
    stdout: 'pipe',
    env: {
      PORT: String(port),
      DATA_DIR: '.data/e2e',
      DATABASE_URL: '',
      NEXT_TELEMETRY_DISABLED: '1',
      // The owner the console fixture signs in as (e2e/console-fixture.ts).
      CONSOLE_OWNER_PASSWORD: process.env.CONSOLE_OWNER_PASSWORD ?? 'e2e-owner-password',
      // The server is plain http on 127.0.0.1; a Secure cookie would not come back.
      CONSOLE_INSECURE_COOKIE: '1',
      // Cart recovery in seconds, every abandoned cart treated (e2e/cart-recovery.spec.ts).
      RECOVERY_DELAY: '5s',
      RECOVERY_DEBOUNCE: '1s',
      RECOVERY_HOLDOUT_SHARE: '0',
    },
  },
});
