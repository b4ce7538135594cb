// Storefront steps shared by the buying journeys.
import { expect, type Page } from '@playwright/test';
import { freshCard, freshIp } from '@/server/modules/checkout/test-shoppers';

/** Opens search results one by one until a product that can be bought (about 8% are sold out). */
export async function openBuyableProduct(page: Page, query: string) {
  for (let i = 0; i < 8; i++) {
    await page.goto(`/search?q=${encodeURIComponent(query)}`);
    const results = page.getByRole('list', { name: 'Search results' }).getByRole('listitem');
    await expect(results.first()).toBeVisible();
    await results.nth(i).getByRole('link').first().click();
    await expect(page).toHaveURL(/\/p\//);
    const add = page.getByRole('button', { name: /Add to cart|Sold out/ });
    await expect(add).toBeVisible();
    if (await add.isEnabled()) return;
  }
  throw new Error(`no buyable product among the first results for ${query}`);
}

export type Shopper = { email: string; name: string; line1: string; city: string; region: string; postalCode: string; country?: string; card: string };

/** Fills the checkout form and places the order. */
export async function placeOrder(page: Page, s: Shopper) {
  await page.getByLabel('Email').fill(s.email);
  await page.getByLabel('Full name').fill(s.name);
  await page.getByLabel('Street address').fill(s.line1);
  await page.getByLabel('City').fill(s.city);
  await page.getByLabel('State / region (optional)').fill(s.region);
  await page.getByLabel('Postal code').fill(s.postalCode);
  if (s.country) await page.getByLabel('Country (2-letter code)').fill(s.country);
  await page.getByLabel('Card number').fill(s.card);
  await page.getByRole('button', { name: /Place order/ }).click();
  await expect(page).toHaveURL(/\/orders\/ord_[0-9A-Z]{26}$/);
}

/**
 * Makes this page look like its own shopper to the risk model: a distinct client address
 * (the proxy header the app trusts) and a distinct Luhn-valid test card the local provider
 * authorises. Journeys that all pay with 4242… from 127.0.0.1 would otherwise, rightly, look
 * like one card and one address placing many orders (velocity signals), and get refused.
 */
export async function asFreshShopper(page: Page): Promise<{ ip: string; card: string }> {
  const ip = freshIp();
  await page.setExtraHTTPHeaders({ 'x-forwarded-for': ip });
  return { ip, card: freshCard() };
}
