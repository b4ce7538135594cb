// Cart recovery (issue 4): a cart whose shopper left an email (and agreed to marketing mail)
// and then left → wait for checkout (recovery delay, default 1 h) → holdout (a fixed share
// gets nothing, deterministic by cart) → recovery email with a link back to the cart and
// optionally a discount bounded by the discount policy → a later reminder. A completed
// checkout for the cart cancels the flow wherever it is; every attempt is recorded for the
// treated-vs-holdout report.
import { inngest } from '@/inngest/client';
import { cartUpdated, checkoutCompleted } from '@/inngest/events';
import { getDb } from '@/server/db/client';
import { assignRecoveryArm, recoveryEligibility } from '@/server/modules/recovery/assign-arm';
import { getRecoverySettings } from '@/server/modules/recovery/recovery-settings';
import { sendRecoveryEmail } from '@/server/modules/recovery/send-recovery-email';

/** Cart changes closer together than this start one flow (the last one). */
const DEBOUNCE = process.env.RECOVERY_DEBOUNCE ?? '1m';

export const cartRecovery = inngest.createFunction(
  {
    id: 'cart-recovery',
    name: 'Cart recovery',
    triggers: [cartUpdated],
    retries: 3,
    debounce: { key: 'event.data.cartId', period: DEBOUNCE as '1m' },
    cancelOn: [{ event: checkoutCompleted, if: 'async.data.cartId == event.data.cartId' }],
  },
  async ({ event, step }) => {
    const cartId = event.data.cartId;
    const start = await step.run('check-contact', async () => {
      const settings = await getRecoverySettings(getDb());
      return { settings, eligibility: await recoveryEligibility(getDb(), cartId, settings) };
    });
    if (!start.eligibility.eligible) return { cartId, outcome: 'skipped', reason: start.eligibility.reason };
    const settings = start.settings;
    const match = `async.data.cartId == "${cartId}"`;

    const early = await step.waitForEvent('wait-for-checkout', { event: checkoutCompleted, timeout: settings.delay, if: match });
    if (early) return { cartId, outcome: 'converted', orderId: early.data.orderId };

    const assignment = await step.run('assign-arm', () => assignRecoveryArm(getDb(), cartId, settings));
    if (!assignment.assigned) return { cartId, outcome: 'skipped', reason: assignment.reason };
    if (assignment.arm === 'holdout') return { cartId, outcome: 'holdout', attemptId: assignment.attemptId };

    const first = await step.run('send-recovery-email', () => sendRecoveryEmail(getDb(), assignment.attemptId, 'first', settings));
    if (!first.sent) return { cartId, outcome: 'not_sent', reason: first.reason, attemptId: assignment.attemptId };

    const later = await step.waitForEvent('wait-before-reminder', { event: checkoutCompleted, timeout: settings.reminderDelay, if: match });
    if (later) return { cartId, outcome: 'recovered', orderId: later.data.orderId, attemptId: assignment.attemptId };

    const reminder = await step.run('send-reminder', () => sendRecoveryEmail(getDb(), assignment.attemptId, 'reminder', settings));
    return { cartId, outcome: reminder.sent ? 'reminded' : 'not_reminded', attemptId: assignment.attemptId, offer: first.offer };
  },
);
