// Checkout risk features: the same function turns an order plus its identity history into
// numbers for training (history from the simulated stream) and for serving (history from
// risk_signals). Only numbers leave this file: no email, IP or card value is ever a feature.

/** Top-level categories whose goods resell easily: the ones card fraud goes after. */
export const RISKY_CATEGORIES = ['Appliances', 'Lighting', 'Commercial Business Furniture', 'Contractor'] as const;

export type RiskOrder = {
  email: string;
  totalCents: number;
  lines: { categoryPath: string[]; quantity: number; unitPriceCents: number }[];
  shippingCountry: string;
  shippingPostalCode: string;
  billingCountry: string | null;
  billingPostalCode: string | null;
  hasCard: boolean;
  hasIp: boolean;
  placedAt: Date;
};

/** What the identity history says about an order, over strictly earlier orders. */
export type RiskHistory = {
  /** Prior orders with this email, and their mean amount (cents). */
  emailOrders: number;
  emailMeanCents: number | null;
  emailOrders24h: number;
  ipOrders1h: number;
  /** Distinct other emails seen from this IP / on this card in the last 24 h. */
  ipEmails24h: number;
  cardOrders1h: number;
  cardEmails24h: number;
  /** Countries this email shipped to before (0 = none or first order). */
  emailNewCountry: boolean;
};

export const FEATURE_NAMES = [
  'log_amount',
  'amount_vs_history',
  'first_order',
  'email_velocity_24h',
  'ip_velocity_1h',
  'ip_identities_24h',
  'card_velocity_1h',
  'card_identities_24h',
  'country_mismatch',
  'postal_mismatch',
  'new_ship_country',
  'risky_category_share',
  'night_hour',
  'max_quantity',
  'no_card',
  'email_digit_share',
] as const;
export type FeatureName = (typeof FEATURE_NAMES)[number];
export type RiskFeatures = Record<FeatureName, number>;

/** Plain-language reason for a feature that pushes the score up. */
export const FEATURE_REASONS: Record<FeatureName, string> = {
  log_amount: 'High order value',
  amount_vs_history: "Order value far above this customer's usual orders",
  first_order: "Customer's first order",
  email_velocity_24h: 'Many orders from this email in the last 24 hours',
  ip_velocity_1h: 'Many orders from this IP address in the last hour',
  ip_identities_24h: 'Several different emails used from this IP address today',
  card_velocity_1h: 'Card used for many orders in the last hour',
  card_identities_24h: 'Card used by several different emails today',
  country_mismatch: 'Billing and shipping countries differ',
  postal_mismatch: 'Billing and shipping addresses differ',
  new_ship_country: 'Shipping to a country this customer never used',
  risky_category_share: 'Mostly easy-to-resell goods',
  night_hour: 'Placed at an unusual hour (1–5 am UTC)',
  max_quantity: 'Many units of the same item',
  no_card: 'No card fingerprint known',
  email_digit_share: 'Email address looks machine-generated (many digits)',
};

export function extractFeatures(order: RiskOrder, h: RiskHistory): RiskFeatures {
  const total = Math.max(0, order.totalCents);
  const value = order.lines.reduce((s, l) => s + l.unitPriceCents * l.quantity, 0) || 1;
  const risky = order.lines
    .filter((l) => (RISKY_CATEGORIES as readonly string[]).includes(l.categoryPath[0] ?? ''))
    .reduce((s, l) => s + l.unitPriceCents * l.quantity, 0);
  const local = order.email.split('@')[0] ?? '';
  const digits = local.replace(/\D/g, '').length;
  const hour = order.placedAt.getUTCHours();
  const billingCountry = order.billingCountry ?? order.shippingCountry;
  const billingPostal = order.billingPostalCode ?? order.shippingPostalCode;
  return {
    log_amount: Math.log1p(total / 100),
    amount_vs_history:
      h.emailMeanCents && h.emailMeanCents > 0 ? clamp(Math.log2(Math.max(total, 1) / h.emailMeanCents), -3, 6) : 0,
    first_order: h.emailOrders === 0 ? 1 : 0,
    email_velocity_24h: Math.log1p(h.emailOrders24h),
    ip_velocity_1h: Math.log1p(h.ipOrders1h),
    ip_identities_24h: Math.log1p(h.ipEmails24h),
    card_velocity_1h: Math.log1p(h.cardOrders1h),
    card_identities_24h: Math.log1p(h.cardEmails24h),
    country_mismatch: billingCountry.toUpperCase() !== order.shippingCountry.toUpperCase() ? 1 : 0,
    postal_mismatch: normalizePostal(billingPostal) !== normalizePostal(order.shippingPostalCode) ? 1 : 0,
    new_ship_country: h.emailNewCountry ? 1 : 0,
    risky_category_share: clamp(risky / value, 0, 1),
    night_hour: hour >= 1 && hour <= 5 ? 1 : 0,
    max_quantity: Math.log1p(Math.max(0, ...order.lines.map((l) => l.quantity))),
    no_card: order.hasCard ? 0 : 1,
    email_digit_share: local.length ? digits / local.length : 0,
  };
}

function clamp(x: number, lo: number, hi: number) {
  return Math.min(hi, Math.max(lo, x));
}

function normalizePostal(p: string) {
  return p.replace(/\s+/g, '').toUpperCase();
}
