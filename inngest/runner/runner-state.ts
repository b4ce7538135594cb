// The runner started in this process, shared through globalThis: Next may load modules once
// per bundle (instrumentation, route handlers), and readiness must see the same runner.
// Kept apart from start-embedded.ts so a route can ask without importing every function.
import type { Runner } from './driver';

const state = globalThis as unknown as { __embeddedRunner?: Runner };

export function embeddedRunner(): Runner | undefined {
  return state.__embeddedRunner;
}

export function setEmbeddedRunner(runner: Runner): void {
  state.__embeddedRunner = runner;
}
