// What a recovery policy would do to recent real carts: every cart whose shopper left an email
// at checkout in the window, run through the draft's and the published settings side by side
// (consent, holdout arm by the same deterministic hash, message limit, offer). Reads no
// addresses, writes nothing.
import type { Db } from '@/server/db/client';
import { armFor } from './assign-arm';
import type { RecoverySettings } from './recovery-settings';

export type RecoveryOutcome = { eligible: number; holdout: number; messaged: number; messages: number; offers: number };
export type RecoverySimulation = {
  days: number;
  carts: number;
  draft: RecoveryOutcome;
  published: RecoveryOutcome;
  /** Carts whose treatment differs (messaged vs not, message count or offer). */
  changed: number;
  sample: { cartId: string; draft: string; published: string }[];
};

const MAX_CARTS = 5_000;

function outcome(cart: { cartId: string; marketingConsent: boolean }, s: RecoverySettings) {
  if (s.consentRequired && !cart.marketingConsent)
    return { label: 'no consent', messages: 0, offer: false, eligible: false, holdout: false };
  if (armFor(cart.cartId, s.holdoutShare) === 'holdout')
    return { label: 'holdout', messages: 0, offer: false, eligible: true, holdout: true };
  const messages = s.maxMessages ?? 2;
  const offer = messages > 0 && s.discount;
  return {
    label: messages === 0 ? 'paused' : `${messages} message${messages > 1 ? 's' : ''}${offer ? ' + offer' : ''}`,
    messages,
    offer,
    eligible: true,
    holdout: false,
  };
}

export async function simulateRecoveryPolicy(
  db: Db,
  draft: RecoverySettings,
  published: RecoverySettings,
  opts: { days: number; now?: Date },
): Promise<RecoverySimulation> {
  const since = new Date((opts.now ?? new Date()).getTime() - opts.days * 86_400_000);
  const carts = await db.cartRecoveryContact.findMany({
    where: { createdAt: { gte: since } },
    select: { cartId: true, marketingConsent: true },
    orderBy: { createdAt: 'desc' },
    take: MAX_CARTS,
  });
  const empty = (): RecoveryOutcome => ({ eligible: 0, holdout: 0, messaged: 0, messages: 0, offers: 0 });
  const totals = { draft: empty(), published: empty() };
  const sample: RecoverySimulation['sample'] = [];
  let changed = 0;
  for (const cart of carts) {
    const d = outcome(cart, draft);
    const p = outcome(cart, published);
    for (const [t, o] of [
      [totals.draft, d],
      [totals.published, p],
    ] as const) {
      t.eligible += Number(o.eligible);
      t.holdout += Number(o.holdout);
      t.messaged += Number(o.messages > 0);
      t.messages += o.messages;
      t.offers += Number(o.offer);
    }
    if (d.label !== p.label) {
      changed++;
      if (sample.length < 20) sample.push({ cartId: cart.cartId, draft: d.label, published: p.label });
    }
  }
  return { days: opts.days, carts: carts.length, ...totals, changed, sample };
}
