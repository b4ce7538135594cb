// Next calls register() once per server process: start telemetry (OpenTelemetry traces and
// metrics, server/observability/sdk.ts) and then the embedded Inngest runner.
// Node runtime only (the edge runtime has no Postgres driver); the guarded dynamic imports
// keep both out of the edge bundle.
export async function register(): Promise<void> {
  if (process.env.NEXT_RUNTIME === 'nodejs' && process.env.NEXT_PHASE !== 'phase-production-build') {
    const { logger } = await import('./server/observability/logger');
    if (process.env.OTEL_SDK_DISABLED !== 'true') {
      const { startTelemetry } = await import('./server/observability/sdk');
      const { getDb } = await import('./server/db/client');
      const telemetry = startTelemetry({ db: getDb, queueGauges: process.env.INNGEST_RUNNER !== 'off' });
      logger.info({ mode: telemetry.mode }, telemetry.mode === 'otlp' ? 'telemetry exported over OTLP' : 'telemetry summarised in the database');
    }
    const { startEmbeddedRunner } = await import('./inngest/runner/start-embedded');
    const result = startEmbeddedRunner();
    if (result.started) logger.info('[inngest] embedded runner started');
    else logger.info({ reason: result.reason }, '[inngest] embedded runner not started');
  }
}
