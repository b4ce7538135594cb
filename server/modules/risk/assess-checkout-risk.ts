// CONTRACT (owned by the risk module). Checkout calls this synchronously while placing an
// order; the risk module replaces the body with features + the registered model served
// through the decision seam + the merchant's versioned risk policy.
import type { Db } from '@/server/db/client';
import type { DecisionTelemetry } from '@/server/decisions/decide';

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
};

export async function assessCheckoutRisk(
  _db: Db,
  _input: CheckoutRiskInput,
  _ctx: { requestId: string | null },
): Promise<RiskAssessment> {
  return { action: 'accept', score: null, reasons: [], policyVersion: null, decision: null };
}
