// `npm run bench:decisions`: what the decision seam costs a request. 10k decide() calls
// against a production model version with a trivial implementation, on a fresh embedded
// database, with the decision log on and off. Between calls the event loop turns once (as
// it does between requests), so the deferred log writes really run during the measurement.
// Prints a JSON summary as its last line (ms per call).
import pg from 'pg';
import { createPrismaClient } from '@/server/db/client';
import { startEmbeddedPostgres } from '@/server/db/embedded';
import { migrate } from '@/server/db/migrate';
import { decide } from '@/server/decisions/decide';
import { flushDecisionLog, logStats } from '@/server/decisions/decision-log';
import { registerImplementation } from '@/server/decisions/implementations';
import { approveVersion } from '@/server/modules/models/approve-version';
import { createModel, createModelVersion } from '@/server/modules/models/create-model';
import { recordEvaluation } from '@/server/modules/models/evaluation-gate';
import { promoteVersion } from '@/server/modules/models/promote-version';

const CALLS = Number(process.env.BENCH_CALLS ?? 10_000);
const WARMUP = 500;

registerImplementation('bench.trivial', async (input: unknown) => ({
  output: { ok: true, input },
  score: 0.5,
  confidence: 1,
}));

const turn = () => new Promise<void>((resolve) => setImmediate(resolve));

function percentile(sorted: number[], p: number): number {
  return Math.round(sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))]! * 1000) / 1000;
}

async function run(db: ReturnType<typeof createPrismaClient>, log: boolean) {
  const times: number[] = [];
  for (let i = 0; i < CALLS + WARMUP; i++) {
    const started = performance.now();
    await decide(db, 'risk_score', `v_bench_${i % 5000}`, { cartCents: i, lines: 3 }, { requestId: `req-${i}`, log });
    if (i >= WARMUP) times.push(performance.now() - started);
    await turn();
  }
  await flushDecisionLog();
  times.sort((a, b) => a - b);
  return { p50: percentile(times, 0.5), p95: percentile(times, 0.95), p99: percentile(times, 0.99) };
}

async function main() {
  const server = await startEmbeddedPostgres();
  const client = new pg.Client({ connectionString: server.url });
  await client.connect();
  await migrate(client);
  await client.end();
  const db = createPrismaClient(server.url, 1);
  try {
    const model = await createModel(db, {
      key: 'bench-risk',
      name: 'Bench',
      kind: 'risk_score',
      owner: 'bench',
      actor: 'bench',
    });
    const v = await createModelVersion(db, { modelId: model.id, implementationKey: 'bench.trivial', actor: 'bench' });
    await recordEvaluation(db, {
      versionId: v.id,
      evaluation: { dataset: 'bench', metrics: { auc: 0.8 } },
      actor: 'bench',
    });
    await promoteVersion(db, { versionId: v.id, to: 'shadow', actor: 'bench' });
    await approveVersion(db, { versionId: v.id, targetStage: 'canary', actor: 'bench-reviewer' });
    await promoteVersion(db, { versionId: v.id, to: 'canary', canaryShare: 100, actor: 'bench' });
    await approveVersion(db, { versionId: v.id, targetStage: 'production', actor: 'bench-reviewer' });
    await promoteVersion(db, { versionId: v.id, to: 'production', actor: 'bench' });

    const without = await run(db, false);
    const written = logStats.written;
    const withLog = await run(db, true);
    const rows = await db.decisionLog.count();
    console.log(
      JSON.stringify({
        note: 'p99 and log rows',
        without_logging_p99: without.p99,
        with_logging_p99: withLog.p99,
        rows_written: logStats.written - written,
        rows_in_table: rows,
        rows_lost: logStats.lost,
      }),
    );
    console.log(
      JSON.stringify({
        calls: CALLS,
        with_logging: { p50: withLog.p50, p95: withLog.p95 },
        without_logging: { p50: without.p50, p95: without.p95 },
      }),
    );
  } finally {
    await db.$disconnect();
    await Promise.race([server.stop(), new Promise((r) => setTimeout(r, 2000))]);
  }
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
