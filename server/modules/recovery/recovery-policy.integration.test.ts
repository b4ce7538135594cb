// The cart-recovery policy (issue 6, ADR 028): bounds, the settings the flow runs on (published
// version, else env/defaults), the version recorded on each attempt, and the simulation of a
// draft against recent real carts.
import { beforeAll, describe, expect, it } from 'vitest';
import { setEventStoreDb } from '@/inngest/runner/event-store';
import { useTestDatabase } from '@/server/db/testing';
import { newSessionKey } from '@/server/lib/session-key';
import { addItem } from '@/server/modules/cart/modify-cart';
import { ensureStoreDefaults, makeVariant } from '@/server/modules/checkout/checkout.fixtures';
import { simulatePolicy } from '@/server/modules/policies/simulate-policy';
import { DEFAULT_POLICIES, type RecoveryPolicy } from '@/server/modules/policies/policy-kinds';
import {
  createDraft,
  getPublishedPolicy,
  publishPolicyVersion,
  rollbackPolicy,
} from '@/server/modules/policies/policy-versions';
import { armFor, assignRecoveryArm } from './assign-arm';
import { getRecoverySettings } from './recovery-settings';
import { rememberCheckoutContact } from './remember-contact';

const getDb = useTestDatabase();
const db = () => getDb().prisma;
const base = DEFAULT_POLICIES.recovery;
const draft = (body: unknown) => createDraft(db(), { kind: 'recovery', body, actor: 'staff_merch' });

beforeAll(async () => {
  setEventStoreDb(db());
  await ensureStoreDefaults(db());
});

describe('recovery policy', () => {
  it.each([
    ['offer.maxPercent', { ...base, offer: { ...base.offer, maxPercent: 95 } }, 'a discount cap over 90% is refused'],
    ['holdoutPercent', { ...base, holdoutPercent: 91 }, 'at most 90% of carts can be held out'],
    ['delay', { ...base, delay: '5s' }, 'between 1m and 7d'],
    ['reminderDelay', { ...base, reminderDelay: 'soon' }, 'a duration such as 30m, 1h or 2d'],
    ['maxMessagesPerCart', { ...base, maxMessagesPerCart: 3 }, ''],
    ['channels', { ...base, channels: [] }, 'at least one channel'],
    ['consentRequired', { ...base, consentRequired: false }, "marketing mail needs the shopper's consent"],
    ['offer.expiresInHours', { ...base, offer: { ...base.offer, expiresInHours: 0 } }, ''],
    ['(root)', { ...base, sms: true }, ''],
  ])('refuses a draft with a bad %s', async (path, body, message) => {
    const err = await draft(body).catch((e: unknown) => e);
    expect(err).toMatchObject({ code: 'INVALID' });
    const issues = (err as { details: { issues: { path: string; message: string }[] } }).details.issues;
    expect(issues.map((i) => i.path)).toContain(path);
    if (message) expect(issues.find((i) => i.path === path)?.message).toBe(message);
    expect(await db().policyVersion.count({ where: { kind: 'recovery' } })).toBe(0);
  });

  it('runs on env/defaults until a version is published, then on the published version, and records it on each attempt', async () => {
    const env = { RECOVERY_DELAY: '5s' } as unknown as NodeJS.ProcessEnv;
    expect(await getRecoverySettings(db(), env)).toMatchObject({
      delay: '5s',
      holdoutShare: 0.1,
      maxMessages: 2,
      version: 'env',
    });
    expect(await getRecoverySettings(db(), {} as NodeJS.ProcessEnv)).toMatchObject({
      delay: '1h',
      version: 'defaults',
    });

    const body: RecoveryPolicy = {
      ...base,
      delay: '2h',
      holdoutPercent: 0,
      maxMessagesPerCart: 1,
      offer: { enabled: true, type: 'amount', maxPercent: 20, maxAmountCents: 1_500, expiresInHours: 24 },
    };
    const v1 = await draft(body);
    await publishPolicyVersion(db(), { id: v1.id, actor: 'staff_owner' });
    // The publish reaches this instance's cache through the cache bus: no stale second.
    const settings = await getRecoverySettings(db(), env);
    expect(settings).toEqual({
      delay: '2h',
      reminderDelay: '23h',
      holdoutShare: 0,
      discount: true,
      consentRequired: true,
      maxMessages: 1,
      offer: { type: 'amount', maxPercent: 20, maxAmountCents: 1_500, expiresInHours: 24 },
      version: `recovery-policy@v${v1.version}`,
    });

    const v = await makeVariant(db(), { stock: 5, priceCents: 4_000 });
    const sessionKey = newSessionKey();
    const cart = await addItem(db(), sessionKey, { variantId: v.variantId, quantity: 1 });
    await rememberCheckoutContact(db(), sessionKey, { email: 'recover@example.com', marketingConsent: true });
    const assigned = await assignRecoveryArm(db(), cart.cartId!, settings);
    expect(assigned).toMatchObject({ assigned: true, arm: 'treatment' });
    const attempt = await db().cartRecoveryAttempt.findUniqueOrThrow({ where: { cartId: cart.cartId! } });
    expect(attempt).toMatchObject({ policyVersion: `recovery-policy@v${v1.version}`, holdoutShare: 0 });

    // Rolling back to before any version existed is not possible; rolling back to v1 after v2 is.
    const v2 = await draft({ ...body, holdoutPercent: 50 });
    await publishPolicyVersion(db(), { id: v2.id, actor: 'staff_owner' });
    expect((await getRecoverySettings(db())).holdoutShare).toBe(0.5);
    const back = await rollbackPolicy(db(), { kind: 'recovery', toVersion: v1.version, actor: 'staff_owner' });
    expect(await getRecoverySettings(db())).toMatchObject({
      holdoutShare: 0,
      version: `recovery-policy@v${back.version}`,
    });
  });

  it('simulates a draft over recent real carts: who would get a message and an offer, draft vs published', async () => {
    // 40 recent carts with a contact (every third without consent), one older than the window.
    const carts = Array.from({ length: 40 }, (_, i) => ({ cartId: `cart_sim_${i}`, consent: i % 3 !== 0 }));
    await db().cartRecoveryContact.createMany({
      data: [
        ...carts.map((c) => ({
          cartId: c.cartId,
          sessionKey: `sk_${c.cartId}`,
          email: `${c.cartId}@example.com`,
          marketingConsent: c.consent,
        })),
        {
          cartId: 'cart_sim_old',
          sessionKey: 'sk_old',
          email: 'old@example.com',
          marketingConsent: true,
          createdAt: new Date(Date.now() - 30 * 86_400_000),
        },
      ],
    });
    const published = await getRecoverySettings(db());
    const proposal = { ...base, holdoutPercent: 50, maxMessagesPerCart: 2, offer: { ...base.offer, enabled: false } };
    const result = await simulatePolicy(db(), { kind: 'recovery', body: proposal, days: 7 });
    if (result.kind !== 'recovery') throw new Error('expected a recovery simulation');
    const sim = result.recovery;
    // Earlier tests' carts count too: they are recent carts with a contact.
    const all = await db().cartRecoveryContact.findMany({
      where: { createdAt: { gte: new Date(Date.now() - 7 * 86_400_000) } },
      select: { cartId: true, marketingConsent: true },
    });
    expect(sim.carts).toBe(all.length);
    expect(sim.carts).toBeGreaterThanOrEqual(40);
    const consenting = all.filter((c) => c.marketingConsent);
    const treatedUnder = (share: number) => consenting.filter((c) => armFor(c.cartId, share) === 'treatment').length;
    expect(sim.draft).toEqual({
      eligible: consenting.length,
      holdout: consenting.length - treatedUnder(0.5),
      messaged: treatedUnder(0.5),
      messages: 2 * treatedUnder(0.5),
      offers: 0,
    });
    expect(sim.published).toMatchObject({
      eligible: consenting.length,
      messaged: treatedUnder(published.holdoutShare),
      messages: published.maxMessages * treatedUnder(published.holdoutShare),
      offers: published.discount ? treatedUnder(published.holdoutShare) : 0,
    });
    expect(sim.changed).toBeGreaterThan(0);
    expect(result.recovery.publishedVersion).toBe(published.version);
    // A draft equal to what is live changes nothing; an invalid one is refused, not simulated.
    const live = await getPublishedPolicy(db(), 'recovery');
    const same = await simulatePolicy(db(), { kind: 'recovery', body: live!.body, days: 7 });
    expect(same.kind === 'recovery' && same.recovery.changed).toBe(0);
    await expect(
      simulatePolicy(db(), { kind: 'recovery', body: { ...base, holdoutPercent: 95 } }),
    ).rejects.toMatchObject({ code: 'INVALID' });
  });
});
