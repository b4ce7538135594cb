// `npm run bench:risk`: what checkout risk scoring costs an order: identity history from
// risk_signals (20k prior assessments from the fraud simulator), the model through the decision
// seam, the published policy, and the signal write. On a scratch database on the Postgres
// server when DATABASE_URL is set, else embedded. 1 and 8 concurrent assessments.
// Last line: JSON summary (ms).
import pg from 'pg';
import { ulid } from 'ulid';
import { migrateDatabase } from '@/server/db/bootstrap';
import { createPrismaClient } from '@/server/db/client';
import { startEmbeddedPostgres } from '@/server/db/embedded';
import { flushDecisionLog } from '@/server/decisions/decision-log';
import { identityToken } from '@/server/lib/identity-token';
import { newId } from '@/server/lib/ids';
import { simulateOrders } from '@/server/ml/risk/simulator';
import { ensureDefaultPolicies } from '@/server/modules/policies/policy-versions';
import {
  assessCheckoutRisk,
  flushRiskSignalWrites,
  type CheckoutRiskInput,
} from '@/server/modules/risk/assess-checkout-risk';
import { ensureRiskModel } from '@/server/modules/risk/ensure-risk-model';

const PER_LEVEL = Number(process.env.BENCH_CALLS ?? 400);

function percentile(sorted: number[], p: number) {
  return Math.round(sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))]! * 100) / 100;
}

async function scratch(): Promise<{ url: string; kind: 'server' | 'embedded'; drop: () => Promise<void> }> {
  const admin = process.env.DATABASE_URL;
  if (!admin) {
    const server = await startEmbeddedPostgres();
    return { url: server.url, kind: 'embedded', drop: () => server.stop() };
  }
  const name = `bench_risk_${ulid().toLowerCase()}`;
  const run = async (sql: string) => {
    const c = new pg.Client({ connectionString: admin });
    await c.connect();
    await c.query(sql);
    await c.end();
  };
  await run(`CREATE DATABASE "${name}"`);
  const u = new URL(admin);
  u.pathname = `/${name}`;
  return { url: u.toString(), kind: 'server', drop: () => run(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`) };
}

const target = await scratch();
try {
  await migrateDatabase(target.url);
  const db = createPrismaClient(target.url, 8);
  await ensureDefaultPolicies(db);
  const trained = await ensureRiskModel(db);
  const orders = simulateOrders({ seed: 21 });
  const history = orders.slice(0, 20_000);
  for (let i = 0; i < history.length; i += 2_000) {
    await db.riskSignal.createMany({
      data: history.slice(i, i + 2_000).map((o) => ({
        id: newId('rsig'),
        orderId: `hist_${o.id}`,
        emailToken: identityToken('email', o.email),
        ipToken: identityToken('ip', o.ip),
        cardToken: o.card ? identityToken('card', o.card) : null,
        amountCents: o.totalCents,
        country: o.shippingCountry,
        score: null,
        action: 'accept',
        placedAt: o.placedAt,
      })),
    });
  }
  const probes = orders.slice(history.length - 2_000);
  let k = 0;
  const input = (): CheckoutRiskInput => {
    const o = probes[k++ % probes.length]!;
    const address = (country: string, postalCode: string) => ({ country, postalCode, city: 'City', line1: '1 Street' });
    return {
      orderId: `bench_${k}`,
      email: o.email,
      ipAddress: o.ip,
      cardFingerprint: o.card,
      totalCents: o.totalCents,
      currency: 'USD',
      lines: o.lines.map((l, i) => ({ ...l, productId: `p${i}`, variantId: `v${i}` })),
      shippingAddress: address(o.shippingCountry, o.shippingPostalCode),
      billingAddress: o.billingCountry ? address(o.billingCountry, o.billingPostalCode ?? '') : null,
      placedAt: new Date(o.placedAt.getTime() + 60_000),
    };
  };
  const levels: Record<
    string,
    { p50: number; p95: number; p99: number; perSecond: number; actions: Record<string, number> }
  > = {};
  for (let i = 0; i < 50; i++) await assessCheckoutRisk(db, input(), { requestId: null }); // warm-up
  for (const concurrency of [1, 8]) {
    const times: number[] = [];
    const actions: Record<string, number> = {};
    const started = performance.now();
    let left = PER_LEVEL;
    await Promise.all(
      Array.from({ length: concurrency }, async () => {
        while (left-- > 0) {
          const t = performance.now();
          const a = await assessCheckoutRisk(db, input(), { requestId: null });
          times.push(performance.now() - t);
          actions[a.action] = (actions[a.action] ?? 0) + 1;
        }
      }),
    );
    const elapsed = performance.now() - started;
    times.sort((a, b) => a - b);
    levels[String(concurrency)] = {
      p50: percentile(times, 0.5),
      p95: percentile(times, 0.95),
      p99: percentile(times, 0.99),
      perSecond: Math.round((times.length / elapsed) * 1000),
      actions,
    };
    console.error(`concurrency ${concurrency}: ${JSON.stringify(levels[String(concurrency)])}`);
  }
  await flushDecisionLog();
  await flushRiskSignalWrites();
  await db.$disconnect();
  console.log(
    JSON.stringify({
      db: target.kind,
      historySignals: history.length,
      trainMs: trained.report?.trainMs ?? null,
      levels,
    }),
  );
} finally {
  await target.drop();
}
