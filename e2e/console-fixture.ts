// Console journeys run signed in as the seeded owner: one API sign-in per worker, its cookie
// reused as every test's storage state (page and page.request share it).
import { test as base, expect } from '@playwright/test';

export const OWNER = {
  email: 'owner@luma.example',
  // Must match webServer.env in playwright.config.ts, which seeds the owner with it.
  password: process.env.CONSOLE_OWNER_PASSWORD ?? 'e2e-owner-password',
};

type StorageState = Awaited<ReturnType<import('@playwright/test').APIRequestContext['storageState']>>;

export const test = base.extend<object, { ownerState: StorageState }>({
  ownerState: [
    async ({ playwright }, use, workerInfo) => {
      const api = await playwright.request.newContext({ baseURL: workerInfo.project.use.baseURL });
      const res = await api.post('/api/auth/sign-in', { data: OWNER });
      expect(res.status(), await res.text()).toBe(200);
      // Keep only the staff cookie: the visitor key (luma_sid) would make every test one shopper.
      const state = await api.storageState();
      await use({ ...state, cookies: state.cookies.filter((c) => c.name === 'luma_staff') });
      await api.dispose();
    },
    { scope: 'worker' },
  ],
  storageState: async ({ ownerState }, use) => use(ownerState),
});

export { expect };
