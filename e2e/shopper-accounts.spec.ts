// Shopper accounts and personalization across devices: a shopper signs up on one device,
// views products, signs in on another and gets "because you viewed" from the first; and a
// shopper who viewed only grey rugs gets a different search ordering from an anonymous one
// once the personalized search version serves (a 100% canary, rolled back afterwards).
import type { APIRequestContext, Browser, Page } from '@playwright/test';
import { loadSeedCatalogItems } from '@/server/modules/recommendations/eval/seed-catalog';
import { facetsOfItem } from '@/server/modules/recommendations/search-affinities';
import { expect, test } from './console-fixture';

// Two devices and a dozen page loads each: more than the default 30 s on a loaded machine.
test.describe.configure({ timeout: 120_000 });

const items = loadSeedCatalogItems();
const sofas = items.filter((p) => p.classKey === 'Sofas' && p.inStock).slice(2, 4);
const greyRugs = items.filter((p) => p.classKey === 'Area Rugs' && p.inStock && facetsOfItem(p).color.includes('gray'));
const colourOfSlug = new Map(items.map((p) => [p.slug, facetsOfItem(p).color]));
const PASSWORD = 'e2e shopper password';

async function viewProduct(page: Page, slug: string, title: string) {
  const tracked = page.waitForResponse(
    (r) => r.url().includes('recs.track') && (r.request().postData() ?? '').includes('"view"') && r.ok(),
  );
  await page.goto(`/p/${slug}`);
  await expect(page.getByRole('heading', { level: 1, name: title })).toBeVisible();
  await tracked;
}

/** A fresh device: its own cookies, no staff session. */
async function device(browser: Browser) {
  const context = await browser.newContext({ baseURL: test.info().project.use.baseURL });
  return { context, page: await context.newPage() };
}

async function signUp(page: Page, email: string) {
  await page.goto('/account');
  const form = page.getByRole('form', { name: 'Create an account' });
  await form.getByLabel('Email').fill(email);
  await form.getByLabel('Password').fill(PASSWORD);
  await form.getByRole('button', { name: 'Create account' }).click();
  await expect(page.getByText(`Signed in as ${email}`)).toBeVisible();
}

async function signIn(page: Page, email: string) {
  await page.goto('/account');
  const form = page.getByRole('form', { name: 'Sign in' });
  await form.getByLabel('Email').fill(email);
  await form.getByLabel('Password').fill(PASSWORD);
  await form.getByRole('button', { name: 'Sign in' }).click();
  await expect(page.getByText(`Signed in as ${email}`)).toBeVisible();
}

test('a signed-in shopper sees "because you viewed" on a second device from what they viewed on the first', async ({ browser }) => {
  expect(sofas).toHaveLength(2);
  const [first, second] = sofas as [(typeof sofas)[0], (typeof sofas)[0]];
  const email = `devices-${Date.now().toString(36)}@example.com`;
  const phone = await device(browser);
  await signUp(phone.page, email);
  await expect(phone.page.getByText('No orders yet')).toBeVisible();
  await viewProduct(phone.page, first.slug, first.title);
  await viewProduct(phone.page, second.slug, second.title);

  const laptop = await device(browser);
  // Before signing in the laptop is a stranger.
  await laptop.page.goto('/');
  await expect(laptop.page.getByRole('region', { name: /^Because you viewed/ })).toHaveCount(0);
  await signIn(laptop.page, email);
  await laptop.page.goto('/');
  await expect(laptop.page.getByRole('region', { name: `Because you viewed ${second.title}` })).toBeVisible();
  await expect(
    laptop.page.getByRole('region', { name: 'Recently viewed' }).getByRole('heading', { level: 3, name: second.title }),
  ).toBeVisible();

  // Signing out leaves nothing of theirs on the laptop.
  await laptop.page.goto('/account');
  await laptop.page.getByRole('button', { name: 'Sign out' }).click();
  await expect(laptop.page.getByRole('form', { name: 'Sign in' })).toBeVisible();
  await laptop.page.goto('/');
  await expect(laptop.page.getByRole('region', { name: /^Because you viewed/ })).toHaveCount(0);
  await Promise.all([phone.context.close(), laptop.context.close()]);
});

async function trpc(request: APIRequestContext, path: string, input: unknown) {
  const res = await request.post(`/api/trpc/${path}`, {
    data: { json: input },
    headers: { origin: test.info().project.use.baseURL! },
  });
  expect(res.status(), await res.text()).toBe(200);
  return (await res.json()).result.data.json;
}

type Hit = { productId: string; slug: string };
async function searchOrder(request: APIRequestContext, q: string) {
  const res = await request.get(`/api/v1/search?q=${encodeURIComponent(q)}&pageSize=24`);
  expect(res.status()).toBe(200);
  const body = (await res.json()) as { items: Hit[]; telemetry: { modelVersion: string } };
  return { slugs: body.items.map((i) => i.slug), modelVersion: body.telemetry.modelVersion };
}
const bestGreyRank = (slugs: string[]) => slugs.findIndex((s) => colourOfSlug.get(s)?.includes('gray'));

test('a shopper who viewed only grey rugs gets a different rug ordering than an anonymous shopper', async ({ browser, request }) => {
  expect(greyRugs.length).toBeGreaterThanOrEqual(3);
  // The merchant serves the personalized search version to everyone (a 100% canary).
  const key = `search-personal-e2e-${Date.now().toString(36)}`;
  const model = await trpc(request, 'models.createModel', { key, name: 'Personalized search (e2e)', kind: 'search_ranking', owner: 'e2e' });
  const version = await trpc(request, 'models.createVersion', {
    modelId: model.id,
    implementationKey: 'search.personalized',
    params: { rankingVersion: 0 },
  });
  await trpc(request, 'models.evaluate', { versionId: version.id, evaluation: { dataset: 'e2e', metrics: { 'ndcg@10': 0.99 } } });
  await trpc(request, 'models.promote', { versionId: version.id, to: 'shadow' });
  await trpc(request, 'models.approve', { versionId: version.id, targetStage: 'canary' });
  await trpc(request, 'models.promote', { versionId: version.id, to: 'canary', canaryShare: 100 });
  try {
    const fan = await device(browser);
    for (const rug of greyRugs.slice(0, 3)) await viewProduct(fan.page, rug.slug, rug.title);
    const stranger = await device(browser);
    await stranger.page.goto('/');

    await expect
      .poll(async () => (await searchOrder(fan.context.request, 'rug')).modelVersion, { timeout: 10_000 })
      .toBe(`${key}@v1`);
    const mine = await searchOrder(fan.context.request, 'rug');
    const theirs = await searchOrder(stranger.context.request, 'rug');
    expect(theirs.modelVersion).toBe(`${key}@v1`);
    expect(mine.slugs).not.toEqual(theirs.slugs);
    expect(bestGreyRank(mine.slugs)).toBeLessThanOrEqual(bestGreyRank(theirs.slugs));

    // The same shopper with personalization off is the stranger again.
    await fan.context.addCookies([{ name: 'luma_personalization', value: 'off', url: test.info().project.use.baseURL! }]);
    expect((await searchOrder(fan.context.request, 'rug')).slugs).toEqual(theirs.slugs);
    await Promise.all([fan.context.close(), stranger.context.close()]);
  } finally {
    await trpc(request, 'models.rollback', { versionId: version.id, reason: 'e2e done' });
  }
});
