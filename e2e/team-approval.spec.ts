// The team journey (issue 6): the owner turns four-eyes on and invites a merchandiser; the
// merchandiser joins through the invite link, edits and simulates the discount policy, cannot
// publish it, and asks for approval; the owner approves it (publishing it), and both actions
// are in the audit log.
import { expect as baseExpect, test } from './console-fixture';

// The first call of each console mutation on a cold production server can take several seconds.
const expect = baseExpect.configure({ timeout: 30_000 });

test('an invited merchandiser’s policy change is published only after the owner approves it', async ({ page, browser, baseURL }, testInfo) => {
  test.setTimeout(180_000);
  const shot = (p: typeof page, name: string) => p.screenshot({ path: testInfo.outputPath(`${name}.png`), fullPage: true });
  const email = `merch-${Date.now()}@luma.example`;

  // 1. Owner: four-eyes on.
  await page.goto('/console/settings');
  const fourEyes = page.getByRole('checkbox', { name: /Four-eyes publishing/ });
  if (!(await fourEyes.isChecked())) {
    await fourEyes.check();
    await expect(page.getByRole('status')).toHaveText('Four-eyes publishing is on');
  }
  await shot(page, 'settings');

  // 2. Owner: invite a merchandiser and copy the link shown once.
  await page.goto('/console/staff');
  const inviteForm = page.getByRole('form', { name: 'Invite' });
  await inviteForm.getByLabel('Email').fill(email);
  await inviteForm.getByLabel('Role').selectOption({ label: 'Merchandiser' });
  await inviteForm.getByRole('button', { name: 'Send invite' }).click();
  const link = await page.getByRole('textbox', { name: 'Invite link' }).inputValue();
  expect(link).toMatch(/\/console\/invite\/[A-Za-z0-9_-]{43}$/);
  await expect(page.getByRole('button', { name: 'Copy invite link' })).toBeVisible();
  await shot(page, 'staff');

  // 3. The merchandiser accepts in their own browser and lands signed in.
  const merchContext = await browser.newContext({ baseURL });
  const merch = await merchContext.newPage();
  await merch.goto(link);
  await expect(merch.getByText(/invited as Merchandiser/)).toBeVisible();
  await shot(merch, 'invite-accept');
  await merch.getByLabel('Your name').fill('Mara Merch');
  await merch.getByLabel('Password').fill('merch-password-1');
  await merch.getByRole('button', { name: 'Join and sign in' }).click();
  await expect(merch.getByRole('heading', { level: 1, name: 'Overview' })).toBeVisible();
  await expect(merch.getByText(email)).toBeVisible();
  await shot(merch, 'overview-merchandiser');
  // The link worked once.
  await merch.goto(link);
  await expect(merch.getByRole('heading', { name: 'This invite cannot be used' })).toBeVisible();

  // 4. Merchandiser: edit and simulate the discount policy, fail to publish, ask for approval.
  await merch.goto('/console/policies');
  const discount = merch.getByRole('region', { name: 'Discount policy' });
  const maxPercent = discount.getByLabel('Maximum discount (%)');
  const original = await maxPercent.inputValue();
  const next = original === '20' ? '21' : '20';
  await maxPercent.fill(next);
  await discount.getByRole('button', { name: 'Save draft' }).click();
  await expect(discount.getByRole('status')).toHaveText(/Saved draft v\d+/);
  const version = Number(/v(\d+)/.exec((await discount.getByRole('status').textContent())!)![1]);
  await discount.getByRole('button', { name: 'Simulate' }).click();
  await expect(discount.getByText('Margin impact')).toBeVisible({ timeout: 20_000 });
  await discount.getByRole('button', { name: 'Publish' }).click();
  await expect(discount.getByRole('alert')).toContainText('needs the policy.publish permission');
  await discount.getByRole('button', { name: 'Request approval' }).click();
  await expect(discount.getByRole('status')).toHaveText(`Approval requested for v${version}`);
  const approvals = merch.getByRole('table', { name: 'Approval requests' });
  await expect(approvals.getByRole('row', { name: new RegExp(`discount-policy@v${version}`) })).toContainText('pending');
  await shot(merch, 'policies-requested');

  // 5. Owner: approve it; the version is published.
  await page.goto('/console/policies');
  const row = page.getByRole('table', { name: 'Approval requests' }).getByRole('row', { name: new RegExp(`discount-policy@v${version}`) });
  await expect(row).toContainText(email);
  await shot(page, 'policies-approval');
  await row.getByRole('button', { name: `Approve discount policy v${version}` }).click();
  await expect(page.getByText(`Approved: discount-policy@v${version} is published`)).toBeVisible();
  await expect(page.getByRole('region', { name: 'Discount policy' }).getByText(`published: v${version}`)).toBeVisible();

  // 6. Both actions are on record.
  await page.goto('/console/audit?action=policy.approv');
  const audit = page.getByRole('table', { name: 'Audit log' });
  await expect(audit.getByRole('row').filter({ hasText: 'policy.approval_requested' }).first()).toContainText(email);
  await expect(audit.getByRole('row').filter({ hasText: 'owner@luma.example' }).filter({ hasText: 'policy.approve' }).first()).toBeVisible();
  await shot(page, 'audit');
  await merchContext.close();

  // 7. Put things back for other journeys: four-eyes off, the original cap published.
  await page.goto('/console/settings');
  await page.getByRole('checkbox', { name: /Four-eyes publishing/ }).uncheck();
  await expect(page.getByRole('status')).toHaveText('Four-eyes publishing is off');
  await page.goto('/console/policies');
  const ownerDiscount = page.getByRole('region', { name: 'Discount policy' });
  await ownerDiscount.getByLabel('Maximum discount (%)').fill(original);
  await ownerDiscount.getByRole('button', { name: 'Publish' }).click();
  await expect(ownerDiscount.getByRole('status')).toHaveText(/Published v\d+/);

  // The owner's other new pages render.
  await page.goto('/console/api-keys');
  await expect(page.getByRole('heading', { level: 1, name: 'API keys' })).toBeVisible();
  await shot(page, 'api-keys');
  await page.goto('/console');
  await expect(page.getByRole('heading', { level: 1, name: 'Overview' })).toBeVisible();
  await shot(page, 'overview-owner');
});
