// Did recovery emails earn anything? Treated carts vs the holdout over the same period:
// conversion (two-proportion z interval) and revenue per abandoned cart (Welch interval), and
// the incremental revenue they imply for the treated carts, not a raw count of recoveries.
import type { Db } from '@/server/db/client';
import type { Interval } from '@/server/modules/experiments/stats/lift';
import { twoProportionZTest } from '@/server/modules/experiments/stats/proportions';
import { welchTTest } from '@/server/modules/experiments/stats/welch';
import { recoveryReportInput, type RecoveryReportInput } from './recovery.schema';

export type ArmSummary = { arm: 'treatment' | 'holdout'; carts: number; conversions: number; conversionRate: number; revenueCents: number; revenuePerCartCents: number; emailsSent: number };

export type RecoveryReport = {
  since: Date;
  treatment: ArmSummary;
  holdout: ArmSummary;
  /** Treatment minus holdout conversion rate (absolute), 95% interval; null until both arms have carts. */
  conversionDifference: { estimate: number; ci: Interval; pValue: number } | null;
  /** Treatment minus holdout revenue per cart in cents, 95% interval. */
  revenuePerCartDifference: { estimateCents: number; ci: Interval; pValue: number } | null;
  /** Revenue the emails added over what the holdout suggests would have come back anyway (treated carts × difference). */
  incrementalRevenueCents: { estimate: number; ci: Interval } | null;
  enoughData: boolean;
};

type Row = { arm: string; n: number; conversions: number; revenue: number; mean: number; variance: number | null; emails: number };

export async function recoveryReport(db: Db, raw: RecoveryReportInput = {}): Promise<RecoveryReport> {
  const { days } = recoveryReportInput.parse(raw);
  const since = new Date(Date.now() - days * 86_400_000);
  const rows = await db.$queryRaw<Row[]>`
    SELECT arm,
           count(*)::int AS n,
           count(converted_order_id)::int AS conversions,
           coalesce(sum(revenue_cents), 0)::float8 AS revenue,
           coalesce(avg(revenue_cents), 0)::float8 AS mean,
           var_samp(revenue_cents)::float8 AS variance,
           (count(first_mail_id) + count(reminder_mail_id))::int AS emails
      FROM cart_recovery_attempts
     WHERE assigned_at >= ${since}
     GROUP BY arm`;
  const arm = (name: 'treatment' | 'holdout'): ArmSummary & { variance: number } => {
    const r = rows.find((x) => x.arm === name);
    const n = r?.n ?? 0;
    return {
      arm: name,
      carts: n,
      conversions: r?.conversions ?? 0,
      conversionRate: n ? (r!.conversions / n) : 0,
      revenueCents: r?.revenue ?? 0,
      revenuePerCartCents: r?.mean ?? 0,
      emailsSent: r?.emails ?? 0,
      variance: r?.variance ?? 0,
    };
  };
  const t = arm('treatment');
  const h = arm('holdout');
  const enoughData = t.carts >= 2 && h.carts >= 2;
  const strip = ({ variance: _v, ...s }: ArmSummary & { variance: number }): ArmSummary => s;
  if (!enoughData) return { since, treatment: strip(t), holdout: strip(h), conversionDifference: null, revenuePerCartDifference: null, incrementalRevenueCents: null, enoughData };
  const conv = twoProportionZTest({ successes: h.conversions, n: h.carts }, { successes: t.conversions, n: t.carts });
  const rev = welchTTest({ n: h.carts, mean: h.revenuePerCartCents, variance: h.variance }, { n: t.carts, mean: t.revenuePerCartCents, variance: t.variance });
  const degenerate = !Number.isFinite(rev.ci.low) || !Number.isFinite(rev.ci.high);
  const revCi = degenerate ? { low: rev.difference, high: rev.difference } : rev.ci;
  return {
    since,
    treatment: strip(t),
    holdout: strip(h),
    conversionDifference: { estimate: conv.absolute, ci: conv.absoluteCi, pValue: conv.pValue },
    revenuePerCartDifference: { estimateCents: rev.difference, ci: revCi, pValue: degenerate ? 1 : rev.pValue },
    incrementalRevenueCents: { estimate: rev.difference * t.carts, ci: { low: revCi.low * t.carts, high: revCi.high * t.carts } },
    enoughData,
  };
}
