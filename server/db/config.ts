import { z } from 'zod';

const envSchema = z.object({
  DATABASE_URL: z.string().url({ message: 'DATABASE_URL must be a postgres:// URL' }),
  /** Set by scripts/start.ts when it serves the embedded database. */
  DATABASE_EMBEDDED: z.enum(['0', '1']).default('0'),
  DATABASE_POOL_MAX: z.coerce.number().int().min(1).max(100).optional(),
});

export type DatabaseConfig = { url: string; embedded: boolean; poolMax: number };

export function databaseConfig(env: NodeJS.ProcessEnv = process.env): DatabaseConfig {
  const parsed = envSchema.safeParse(env);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new Error(`Invalid database configuration: ${issue?.path.join('.')}: ${issue?.message}`);
  }
  const embedded = parsed.data.DATABASE_EMBEDDED === '1';
  // The embedded server multiplexes connections message by message, which breaks with
  // concurrent extended-protocol clients: one connection there (ADR 001).
  const poolMax = embedded ? 1 : (parsed.data.DATABASE_POOL_MAX ?? 10);
  return { url: parsed.data.DATABASE_URL, embedded, poolMax };
}
