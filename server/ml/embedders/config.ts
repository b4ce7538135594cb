// Picks the search embedder from the environment (ADR 004 records why LSA is the default).
import { z } from 'zod';
import { blendEmbedder } from './blend';
import { huggingFaceEmbedder } from './huggingface';
import { lsaEmbedder, type LsaModel } from './lsa';
import { withTimeout, type Embedder } from './types';
import { createUseLiteEmbedder } from './use-lite';

export const EMBEDDER_KINDS = ['lsa', 'use-lite', 'blend', 'huggingface'] as const;

/**
 * Shares of the blended cosine (see blend.ts). 0.5/0.5 scored best of 0.5/0.7/0.85 on the
 * WANDS dev queries (ADR 004), though the spread is within one query's worth of noise.
 */
export const DEFAULT_BLEND_WEIGHTS = { lsa: 0.5, useLite: 0.5 } as const;

// `FOO=` in a .env file means "not set", not "set to the empty string".
const unset = (v: unknown) => (typeof v === 'string' && v.trim() === '' ? undefined : v);

const envSchema = z
  .object({
    EMBEDDER: z.preprocess(unset, z.enum(EMBEDDER_KINDS, { message: `must be one of ${EMBEDDER_KINDS.join(', ')}` }).default('lsa')),
    HF_TOKEN: z.preprocess(unset, z.string().optional()),
    HF_ENDPOINT_URL: z.preprocess(unset, z.url({ protocol: /^https?$/, message: 'must be an http(s) URL, e.g. http://tei:8080/embed' }).optional()),
    HF_MODEL: z.preprocess(unset, z.string().optional()),
    HF_DIMENSION: z.preprocess(unset, z.coerce.number({ message: 'must be a number' }).int('must be an integer').positive('must be > 0').optional()),
    EMBEDDER_TIMEOUT_MS: z.preprocess(
      unset,
      z.coerce.number({ message: 'must be a number of milliseconds' }).int('must be an integer').positive('must be > 0').default(10_000),
    ),
  })
  .superRefine((env, ctx) => {
    if (env.EMBEDDER !== 'huggingface') return;
    if (!env.HF_ENDPOINT_URL && !env.HF_MODEL) {
      ctx.addIssue({ code: 'custom', path: ['HF_ENDPOINT_URL'], message: 'EMBEDDER=huggingface needs HF_ENDPOINT_URL (a TEI server) or HF_MODEL' });
    }
    if (env.HF_DIMENSION === undefined) {
      ctx.addIssue({ code: 'custom', path: ['HF_DIMENSION'], message: 'is required when EMBEDDER=huggingface (the model’s vector length)' });
    }
  });

export type EmbedderConfig = z.infer<typeof envSchema>;

export function embedderConfig(env: NodeJS.ProcessEnv | Record<string, string | undefined> = process.env): EmbedderConfig {
  const parsed = envSchema.safeParse(env);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ');
    throw new Error(`Invalid embedder configuration: ${problems}`);
  }
  return parsed.data;
}

/**
 * Builds the configured embedder. LSA is trained on the catalog, so for `lsa` and `blend`
 * the caller passes the trained model (loaded from wherever the indexer stored it).
 * Local embedders get EMBEDDER_TIMEOUT_MS per batch of ≤ 64 texts; the remote one per request.
 */
export function embedderFromEnv(env: NodeJS.ProcessEnv | Record<string, string | undefined> = process.env, deps: { lsa?: LsaModel } = {}): Embedder {
  const cfg = embedderConfig(env);
  const needLsa = (): LsaModel => {
    if (!deps.lsa) throw new Error(`EMBEDDER=${cfg.EMBEDDER} needs the trained LSA model: pass { lsa } (see trainLsa/deserializeLsa)`);
    return deps.lsa;
  };
  switch (cfg.EMBEDDER) {
    case 'lsa':
      return withTimeout(lsaEmbedder(needLsa()), cfg.EMBEDDER_TIMEOUT_MS);
    case 'use-lite':
      return withTimeout(createUseLiteEmbedder(), cfg.EMBEDDER_TIMEOUT_MS);
    case 'blend':
      return withTimeout(
        blendEmbedder([
          { embedder: lsaEmbedder(needLsa()), weight: DEFAULT_BLEND_WEIGHTS.lsa },
          { embedder: createUseLiteEmbedder(), weight: DEFAULT_BLEND_WEIGHTS.useLite },
        ]),
        cfg.EMBEDDER_TIMEOUT_MS,
      );
    case 'huggingface':
      return huggingFaceEmbedder({
        token: cfg.HF_TOKEN,
        endpointUrl: cfg.HF_ENDPOINT_URL,
        model: cfg.HF_MODEL,
        dimension: cfg.HF_DIMENSION!,
        timeoutMs: cfg.EMBEDDER_TIMEOUT_MS,
      });
  }
}
