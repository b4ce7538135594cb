import { expect, OWNER, test } from './console-fixture';

test('a merchant moves around the console shell', async ({ page }) => {
  await page.goto('/console');
  await expect(page.getByRole('heading', { level: 1, name: 'Overview' })).toBeVisible();
  await expect(page.getByText('3,000', { exact: true })).toBeVisible();
  await expect(page.getByText('embedded', { exact: true })).toBeVisible();

  const nav = page.getByRole('navigation', { name: 'Console' });
  for (const label of ['Catalog', 'Search', 'Policies', 'Experiments', 'Models', 'Reviews', 'Orders', 'Audit', 'Settings']) {
    await expect(nav.getByRole('link', { name: label })).toBeVisible();
  }

  await nav.getByRole('link', { name: 'Catalog' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Catalog' })).toBeVisible();
  await expect(page.getByText('3,000 active products')).toBeVisible();
  await expect(page.getByRole('row')).toHaveCount(51); // header + 50
  await page.getByRole('link', { name: 'Next page' }).click();
  await expect(page.getByRole('row')).toHaveCount(51);

  await nav.getByRole('link', { name: 'Settings' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Settings' })).toBeVisible();
  await expect(nav.getByRole('link', { name: 'Settings' })).toHaveAttribute('aria-current', 'page');
});

test.describe('signed out', () => {
  test.use({ storageState: { cookies: [], origins: [] } });

  test('the console sends staff to sign in, refuses a wrong password, then lets the owner in and out', async ({
    page,
  }) => {
    await page.goto('/console/catalog');
    await expect(page).toHaveURL(/\/console\/sign-in/);
    await page.getByLabel('Email').fill(OWNER.email);
    await page.getByLabel('Password').fill('not-the-password');
    await page.getByRole('button', { name: 'Sign in' }).click();
    // (Next's route announcer is also role=alert.)
    await expect(page.getByText('Email or password is incorrect.')).toBeVisible();

    await page.getByLabel('Email').fill(OWNER.email);
    await page.getByLabel('Password').fill(OWNER.password);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await expect(page.getByRole('heading', { level: 1, name: 'Overview' })).toBeVisible();
    await expect(page.getByText(OWNER.email)).toBeVisible();

    await page.getByRole('button', { name: 'Sign out' }).click();
    await expect(page).toHaveURL(/\/console\/sign-in/);
    expect((await page.request.get('/api/trpc/searchAdmin.synonyms')).status()).toBe(401);
  });
});
