// Next calls register() once per server process: start the embedded Inngest runner there.
// Node runtime only (the edge runtime has no Postgres driver); the guarded dynamic import
// keeps the runner out of the edge bundle.
export async function register(): Promise<void> {
  if (process.env.NEXT_RUNTIME === 'nodejs' && process.env.NEXT_PHASE !== 'phase-production-build') {
    const { startEmbeddedRunner } = await import('./inngest/runner/start-embedded');
    const result = startEmbeddedRunner();
    console.log(result.started ? '[inngest] embedded runner started' : `[inngest] embedded runner not started: ${result.reason}`);
  }
}
