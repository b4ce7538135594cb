// Next calls register() once per server process: start telemetry (OpenTelemetry traces and
// metrics, server/observability/sdk.ts), the embedded Inngest runner, and graceful shutdown.
// Node runtime only (the edge runtime has no Postgres driver); the guarded dynamic imports
// keep all of it out of the edge bundle.
export async function register(): Promise<void> {
  if (process.env.NEXT_RUNTIME !== 'nodejs' || process.env.NEXT_PHASE === 'phase-production-build') return;
  const { logger } = await import('./server/observability/logger');
  // Personal data is encrypted at rest: production on a database server needs real keys (ADR 027).
  const { checkDataKeys } = await import('./server/lib/key-config');
  try {
    const missing = checkDataKeys();
    if (missing.length) logger.warn({ missing }, 'personal data is encrypted with the public development keys; set them before sharing this database');
  } catch (err) {
    logger.fatal((err as Error).message);
    console.error(`[start] ${(err as Error).message}`);
    process.exit(1);
  }
  const { getDb } = await import('./server/db/client');
  const { installShutdownHandlers, onShutdown } = await import('./server/lib/graceful-shutdown');

  let telemetry: import('./server/observability/sdk').Telemetry | undefined;
  if (process.env.OTEL_SDK_DISABLED !== 'true') {
    const { startTelemetry } = await import('./server/observability/sdk');
    telemetry = startTelemetry({ db: getDb, queueGauges: process.env.INNGEST_RUNNER !== 'off' });
    logger.info({ mode: telemetry.mode }, telemetry.mode === 'otlp' ? 'telemetry exported over OTLP' : 'telemetry summarised in the database');
  }

  // Cache invalidations from other instances (LISTEN/NOTIFY; version checks on the embedded database).
  const { startCacheBus } = await import('./server/lib/cache-bus');
  const { databaseConfig } = await import('./server/db/config');
  if (process.env.DATABASE_URL) {
    const db = databaseConfig();
    const bus = startCacheBus({ db: getDb, listenUrl: db.embedded ? undefined : db.url });
    onShutdown('cache bus', () => bus.stop());
  }

  const { startEmbeddedRunner } = await import('./inngest/runner/start-embedded');
  const result = startEmbeddedRunner();
  if (result.started) logger.info('[inngest] embedded runner started');
  else logger.info({ reason: result.reason }, '[inngest] embedded runner not started');

  // Off the request path: the first shoppers should not wait for the recommendation caches.
  const { warmRecommendations } = await import('./server/modules/recommendations/warm-up');
  void warmRecommendations(getDb())
    .then((r) => logger.info({ products: r.products, ms: r.ms }, '[recs] warmed'))
    .catch((err: unknown) => logger.error({ err }, '[recs] warm-up failed'));

  // Steps run in this order after the runner's own (registered when it started). Next's own
  // SIGTERM handling is off when NEXT_MANUAL_SIG_HANDLE=1 (scripts/start.ts, the Dockerfile),
  // so nothing exits before in-flight requests and steps are done.
  onShutdown('http requests', async () => {
    while ((telemetry?.rootSpans.inFlightRequests() ?? 0) > 0) await new Promise((r) => setTimeout(r, 50));
  });
  if (telemetry) onShutdown('telemetry', () => telemetry.shutdown());
  onShutdown('database', () => getDb().$disconnect());
  installShutdownHandlers();
}
