// Next calls register() once per server process: start the embedded Inngest runner there.
// Node runtime only (the edge runtime has no Postgres driver); the guarded dynamic import
// keeps the runner out of the edge bundle.
export async function register(): Promise<void> {
  if (process.env.NEXT_RUNTIME === 'nodejs' && process.env.NEXT_PHASE !== 'phase-production-build') {
    const { startEmbeddedRunner } = await import('./inngest/runner/start-embedded');
    const result = startEmbeddedRunner();
    console.log(result.started ? '[inngest] embedded runner started' : `[inngest] embedded runner not started: ${result.reason}`);
    // Off the request path: the first shoppers should not wait for the recommendation caches.
    const [{ warmRecommendations }, { getDb }] = await Promise.all([
      import('./server/modules/recommendations/warm-up'),
      import('./server/db/client'),
    ]);
    void warmRecommendations(getDb())
      .then((r) => console.log(`[recs] warmed: ${r.products} products in ${r.ms} ms`))
      .catch((err: unknown) => console.error(`[recs] warm-up failed: ${String(err)}`));
  }
}
