// Cart recovery: a shopper leaves checkout after giving an email and ticking the reminder box;
// after the shortened delay (RECOVERY_DELAY=5s in playwright.config.ts, holdout 0%) the
// recovery email is in Console → Mailbox (dev), and its link brings the cart back with the
// email's offer on it, which checkout applies once.
import { test, expect } from './console-fixture';
import { humanEmail } from '@/server/modules/checkout/test-shoppers';
import { asFreshShopper, openBuyableProduct, placeOrder } from './shop';

test('an abandoned cart gets a recovery email in the dev mailbox', async ({ page, browser }) => {
  test.setTimeout(120_000);
  // Letters only: a digits-heavy address plus a first order of resellable goods scores at the
  // reject threshold, and which lamp search ranks first would decide the journey.
  const email = humanEmail('leaver');
  const shopper = await browser.newContext();
  const shop = await shopper.newPage();
  await openBuyableProduct(shop, 'table lamp');
  const title = (await shop.getByRole('heading', { level: 1 }).textContent())!.trim();
  await shop.getByRole('button', { name: 'Add to cart' }).click();
  await expect(shop.getByText('Added to your cart.')).toBeVisible();

  await shop.goto('/checkout');
  await shop.getByLabel('Email').fill(email);
  const remembered = shop.waitForResponse((r) => r.url().includes('recovery.rememberContact') && r.status() === 200);
  const consent = shop.getByRole('checkbox', { name: /Remind me about my cart/ });
  await expect(consent).not.toBeChecked();
  await consent.check();
  await remembered;
  // The shopper leaves without placing the order.
  await shop.goto('/');

  await expect(async () => {
    await page.goto('/console/mailbox');
    await expect(page.getByRole('row').filter({ hasText: email }).getByRole('link', { name: 'You left something in your cart' })).toBeVisible({ timeout: 1_000 });
  }).toPass({ timeout: 60_000 });
  await page.getByRole('row').filter({ hasText: email }).getByRole('link', { name: 'You left something in your cart' }).click();
  const message = page.getByRole('article');
  await expect(message).toContainText(title);
  const link = (await message.textContent())!.match(/https?:\/\/\S+\/cart\/recover\/rca_[0-9A-Z]{26}/)![0];

  // The link restores the cart in a fresh browser (another device).
  const other = await browser.newContext();
  const back = await other.newPage();
  await back.goto(new URL(new URL(link).pathname, page.url()).toString());
  await expect(back).toHaveURL(/\/cart$/);
  await expect(back.getByRole('link', { name: title })).toBeVisible();

  // The email's offer (the default discount policy and model make one) is on the cart now.
  const percent = /for ([\d.]+)% off/.exec((await message.textContent())!)?.[1];
  expect(percent, 'the recovery email offers a discount').toBeTruthy();
  const offerLine = new RegExp(`Your ${percent!.replace('.', '\\.')}\\s% recovery offer, expires`);
  await expect(back.getByText(offerLine)).toBeVisible();

  // Checking out applies it; the order carries the discount line.
  const { card } = await asFreshShopper(back);
  await back.goto('/checkout');
  await expect(back.getByText(offerLine)).toBeVisible();
  await placeOrder(back, { email, name: 'Leaver Returns', line1: '5 Harbour Road', city: 'Portland', region: 'OR', postalCode: '97201', card });
  await expect(back.getByText(offerLine)).toBeVisible();

  // Single use: the link now leads to an empty cart, with no offer.
  await back.goto(new URL(new URL(link).pathname, page.url()).toString());
  await expect(back).toHaveURL(/\/cart$/);
  await expect(back.getByText(offerLine)).toHaveCount(0);
  await shopper.close();
  await other.close();
});
