// Simulating a draft before it is published, per kind: risk replays recorded assessments;
// discount replays past orders through the serving model under the draft and the published
// policy, side by side; recovery runs recent carts through the draft and the settings in force.
import type { Db } from '@/server/db/client';
import { loadPastOrders } from '@/server/modules/pricing/past-orders';
import { simulateDiscountPolicy } from '@/server/modules/pricing/simulate-discount-policy';
import { simulateRiskPolicy } from '@/server/modules/risk/simulate-risk-policy';
import { getRecoverySettings, settingsFromPolicy } from '@/server/modules/recovery/recovery-settings';
import { simulateRecoveryPolicy } from '@/server/modules/recovery/simulate-recovery-policy';
import { getPublishedPolicy, parsePolicyBody } from './policy-versions';
import { simulatePolicyInput } from './policies.schema';
import type { z } from 'zod';

export async function simulatePolicy(db: Db, raw: z.input<typeof simulatePolicyInput>) {
  const input = simulatePolicyInput.parse(raw);
  if (input.kind === 'risk')
    return { kind: 'risk' as const, risk: await simulateRiskPolicy(db, input.body, { days: input.days }) };
  if (input.kind === 'recovery') {
    const draft = settingsFromPolicy(parsePolicyBody('recovery', input.body), 'draft');
    const current = await getRecoverySettings(db);
    return {
      kind: 'recovery' as const,
      recovery: { ...(await simulateRecoveryPolicy(db, draft, current, { days: input.days })), publishedVersion: current.version },
    };
  }
  const { source, orders } = await loadPastOrders(db, { days: input.days });
  const published = await getPublishedPolicy(db, 'discount');
  const [draft, current] = await Promise.all([
    simulateDiscountPolicy(db, input.body, orders),
    published ? simulateDiscountPolicy(db, published.body, orders) : Promise.resolve(null),
  ]);
  return {
    kind: 'discount' as const,
    discount: { source, days: input.days, draft, published: current, publishedVersion: published?.label ?? null },
  };
}
