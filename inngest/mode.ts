// Which Inngest the app talks to. Keys configured → Inngest Cloud or a self-hosted
// `inngest start` (INNGEST_BASE_URL); nothing configured → the embedded runner on Postgres.
export type InngestMode = 'embedded' | 'inngest';

export function inngestMode(env: NodeJS.ProcessEnv = process.env): InngestMode {
  return env.INNGEST_EVENT_KEY && env.INNGEST_SIGNING_KEY ? 'inngest' : 'embedded';
}
