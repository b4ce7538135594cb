// Checkout risk: features from the order and its identity history (risk_signals), the
// registered model served through the decision seam (within its latency budget), then the
// merchant's published risk policy maps score + rules to accept / review / reject. One
// risk_signals row per assessment feeds later orders' velocity features; it holds HMAC tokens,
// never a raw email, IP or card fingerprint.
import type { Db } from '@/server/db/client';
import { decide, type DecisionTelemetry } from '@/server/decisions/decide';
import { hotExecute, hotSql } from '@/server/db/hot-sql';
import { identityToken } from '@/server/lib/identity-token';
import { stageMark } from '@/server/observability/stage-marks';
import { newId } from '@/server/lib/ids';
import { extractFeatures } from '@/server/ml/risk/features';
import { DEFAULT_POLICIES } from '@/server/modules/policies/policy-kinds';
import { policyForUnit } from '@/server/modules/experiments/policy-arms';
import { applyRiskPolicy } from './apply-risk-policy';
import type { RiskModelOutput } from './risk-decision';
import { loadRiskHistory } from './risk-history';
import './risk-decision';

export type RiskAddress = { country: string; postalCode: string; city: string; line1: string };

export type CheckoutRiskInput = {
  orderId: string;
  email: string;
  ipAddress: string | null;
  /** The payment provider's card fingerprint, when the payment method is known. */
  cardFingerprint: string | null;
  totalCents: number;
  currency: string;
  lines: { productId: string; variantId: string; categoryPath: string[]; quantity: number; unitPriceCents: number }[];
  shippingAddress: RiskAddress;
  billingAddress: RiskAddress | null;
  placedAt: Date;
  /** The shopper's session key: a running risk-policy experiment may own it (policy arms). */
  sessionKey?: string | null;
};

export type RiskAction = 'accept' | 'review' | 'reject';

export type RiskAssessment = {
  action: RiskAction;
  /** 0–99; null when no model scored (safe default). */
  score: number | null;
  /** Plain-language top reasons (model factors and policy rules fired). */
  reasons: string[];
  policyVersion: string | null;
  decision: DecisionTelemetry | null;
  /** Machine-readable names of the policy rules that fired (e.g. `block.email_domain`, `score.review`). */
  rules?: string[];
};

const pendingWrites = new Set<Promise<unknown>>();

function trackSignalWrite(write: Promise<unknown>) {
  const tracked = write
    .catch((err: unknown) =>
      console.error(JSON.stringify({ level: 'error', msg: 'risk signal outcome not written', err: String(err) })),
    )
    .finally(() => pendingWrites.delete(tracked));
  pendingWrites.add(tracked);
}

/** Waits for deferred risk-signal writes (tests, benchmarks, shutdown). */
export async function flushRiskSignalWrites(): Promise<void> {
  await Promise.all([...pendingWrites]);
}

export async function assessCheckoutRisk(
  db: Db,
  input: CheckoutRiskInput,
  ctx: { requestId: string | null },
): Promise<RiskAssessment> {
  const tokens = {
    emailToken: identityToken('email', input.email),
    ipToken: input.ipAddress ? identityToken('ip', input.ipAddress) : null,
    cardToken: input.cardFingerprint ? identityToken('card', input.cardFingerprint) : null,
  };
  const shippingCountry = input.shippingAddress.country.toUpperCase();
  // The signal row is written alongside the history read (which excludes this order), so the
  // next order's velocity sees this one as early as possible; score and action follow.
  const [history, published] = await Promise.all([
    loadRiskHistory(db, tokens, { placedAt: input.placedAt, shippingCountry, orderId: input.orderId }),
    // The published policy, or the arm's version when a risk-policy experiment owns the session.
    policyForUnit(db, 'risk', input.sessionKey).then((u) => u.policy),
    hotExecute(db, hotSql`
      INSERT INTO risk_signals (id, order_id, email_token, ip_token, card_token, amount_cents, country, action, placed_at)
      VALUES (${newId('rsig')}::text, ${input.orderId}::text, ${tokens.emailToken}::text, ${tokens.ipToken}::text, ${tokens.cardToken}::text,
              ${input.totalCents}::int, ${shippingCountry}::text, 'pending', ${input.placedAt}::timestamptz)
      ON CONFLICT (order_id) DO UPDATE SET amount_cents = EXCLUDED.amount_cents, country = EXCLUDED.country`),
  ]);
  stageMark('risk: history, policy, signal insert');
  const policy = published?.body ?? DEFAULT_POLICIES.risk;
  const policyVersion = published?.label ?? 'risk-policy@default';
  const features = extractFeatures(
    {
      email: input.email,
      totalCents: input.totalCents,
      lines: input.lines,
      shippingCountry,
      shippingPostalCode: input.shippingAddress.postalCode,
      billingCountry: input.billingAddress?.country ?? null,
      billingPostalCode: input.billingAddress?.postalCode ?? null,
      hasCard: input.cardFingerprint !== null,
      hasIp: input.ipAddress !== null,
      placedAt: input.placedAt,
    },
    history,
  );
  stageMark('risk: features');
  // Only numbers go through the seam (and into the decision log); the subject is the order id.
  const decision = await decide<Partial<RiskModelOutput> & { action?: string }>(
    db,
    'risk_score',
    input.orderId,
    { features },
    { requestId: ctx.requestId, policyVersion },
  );
  stageMark('risk: model scoring (decide)');
  const score = typeof decision.output.score === 'number' ? decision.output.score : null;
  const outcome = applyRiskPolicy(policy, {
    score,
    emailToken: tokens.emailToken,
    emailDomain: input.email.split('@')[1] ?? '',
    shippingCountry,
    billingCountry: input.billingAddress?.country ?? null,
    totalCents: input.totalCents,
    modelReasons: decision.output.reasons ?? [],
  });
  const outcomeWrite = hotExecute(db, hotSql`
    UPDATE risk_signals SET score = ${score}::int, action = ${outcome.action}::text, policy_version = ${policyVersion}::text
    WHERE order_id = ${input.orderId}::text`);
  // Inside a caller's transaction the write must finish before it commits; otherwise the
  // shopper need not wait for it (velocity only needs the row, written above).
  if ('$transaction' in db) trackSignalWrite(outcomeWrite);
  else await outcomeWrite;
  stageMark('risk: policy, signal update');
  return {
    action: outcome.action,
    score,
    reasons: outcome.reasons,
    rules: outcome.rules,
    policyVersion,
    decision: decision.telemetry,
  };
}
