// Identity history for risk features, read from risk_signals (one row per assessment, keyed by
// HMAC tokens). Same windows and semantics as the simulator's streamHistories: strictly
// earlier orders, "other emails" excludes this one.
import type { Db } from '@/server/db/client';
import { hotQuery, hotSql } from '@/server/db/hot-sql';
import type { RiskHistory } from '@/server/ml/risk/features';

export type IdentityTokens = { emailToken: string; ipToken: string | null; cardToken: string | null };

type Row = {
  email_orders: bigint | number;
  email_mean: number | null;
  email_24h: bigint | number;
  email_used_country: boolean | null;
  ip_1h: bigint | number;
  ip_emails_24h: bigint | number;
  card_1h: bigint | number;
  card_emails_24h: bigint | number;
};

export async function loadRiskHistory(
  db: Db,
  t: IdentityTokens,
  at: { placedAt: Date; shippingCountry: string; orderId: string },
): Promise<RiskHistory> {
  const ip = t.ipToken ?? '';
  const card = t.cardToken ?? '';
  const rows = await hotQuery<Row>(db, hotSql`
    SELECT
      count(*) FILTER (WHERE email_token = ${t.emailToken}) AS email_orders,
      avg(amount_cents) FILTER (WHERE email_token = ${t.emailToken})::float8 AS email_mean,
      count(*) FILTER (WHERE email_token = ${t.emailToken} AND placed_at >= ${at.placedAt}::timestamptz - interval '24 hours') AS email_24h,
      bool_or(country = ${at.shippingCountry}) FILTER (WHERE email_token = ${t.emailToken}) AS email_used_country,
      count(*) FILTER (WHERE ip_token = ${ip} AND placed_at >= ${at.placedAt}::timestamptz - interval '1 hour') AS ip_1h,
      count(DISTINCT email_token) FILTER (WHERE ip_token = ${ip} AND email_token <> ${t.emailToken}
        AND placed_at >= ${at.placedAt}::timestamptz - interval '24 hours') AS ip_emails_24h,
      count(*) FILTER (WHERE card_token = ${card} AND placed_at >= ${at.placedAt}::timestamptz - interval '1 hour') AS card_1h,
      count(DISTINCT email_token) FILTER (WHERE card_token = ${card} AND email_token <> ${t.emailToken}
        AND placed_at >= ${at.placedAt}::timestamptz - interval '24 hours') AS card_emails_24h
    FROM risk_signals
    WHERE placed_at < ${at.placedAt} AND order_id <> ${at.orderId}
      AND (email_token = ${t.emailToken} OR ip_token = ${ip} OR card_token = ${card})`);
  const r = rows[0]!;
  const emailOrders = Number(r.email_orders);
  return {
    emailOrders,
    emailMeanCents: r.email_mean === null ? null : Number(r.email_mean),
    emailOrders24h: Number(r.email_24h),
    ipOrders1h: t.ipToken ? Number(r.ip_1h) : 0,
    ipEmails24h: t.ipToken ? Number(r.ip_emails_24h) : 0,
    cardOrders1h: t.cardToken ? Number(r.card_1h) : 0,
    cardEmails24h: t.cardToken ? Number(r.card_emails_24h) : 0,
    emailNewCountry: emailOrders > 0 && r.email_used_country === false,
  };
}
