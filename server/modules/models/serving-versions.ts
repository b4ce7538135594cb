// What serves each decision kind right now: read by the seam on every decision, so it is
// cached briefly. Stage changes in this process clear the cache (rollback takes effect on
// the next request); other instances are told through the cache bus (server/lib/cache-bus.ts).
import type { Db } from '@/server/db/client';
import { modelLabel, type ModelKindName } from './model-kinds';
import { onInvalidate } from '@/server/lib/cache-bus';

export type ServingVersion = {
  id: string;
  label: string;
  modelKey: string;
  implementationKey: string;
  params: Record<string, unknown>;
  salt: string;
  canaryShare: number;
};

export type ServingSet = {
  production: ServingVersion | null;
  canary: ServingVersion | null;
  shadows: ServingVersion[];
  /** The version that served production before the current one: the fallback's first choice. */
  lastKnownGood: ServingVersion | null;
};

const CACHE_MS = 1_000;
let cache = new WeakMap<object, Map<ModelKindName, { at: number; value: ServingSet }>>();

export function invalidateServingCache(): void {
  cache = new WeakMap();
}
// Promotions and rollbacks on any instance reach this one through the cache bus.
onInvalidate('models.serving', invalidateServingCache);

export async function getServingVersions(db: Db, kind: ModelKindName): Promise<ServingSet> {
  const perDb = cache.get(db) ?? new Map<ModelKindName, { at: number; value: ServingSet }>();
  cache.set(db, perDb);
  const hit = perDb.get(kind);
  if (hit && Date.now() - hit.at < CACHE_MS) return hit.value;
  const value = await loadServingVersions(db, kind);
  perDb.set(kind, { at: Date.now(), value });
  return value;
}

const select = {
  id: true,
  version: true,
  implementationKey: true,
  params: true,
  salt: true,
  canaryShare: true,
  stage: true,
  model: { select: { key: true } },
} as const;

async function loadServingVersions(db: Db, kind: ModelKindName): Promise<ServingSet> {
  const rows = await db.modelVersion.findMany({
    where: { kind, stage: { in: ['production', 'canary', 'shadow'] } },
    select,
    orderBy: { createdAt: 'asc' },
  });
  const production = rows.find((r) => r.stage === 'production');
  const previous = await db.modelStageChange.findFirst({
    where: { toStage: 'production', version: { kind, ...(production ? { id: { not: production.id } } : {}) } },
    orderBy: [{ createdAt: 'desc' }, { id: 'desc' }],
    select: { version: { select } },
  });
  const canary = rows.find((r) => r.stage === 'canary');
  return {
    production: production ? toServing(production) : null,
    canary: canary ? toServing(canary) : null,
    shadows: rows.filter((r) => r.stage === 'shadow').map(toServing),
    lastKnownGood: previous ? toServing(previous.version) : null,
  };
}

type Row = {
  id: string;
  version: number;
  implementationKey: string;
  params: unknown;
  salt: string;
  canaryShare: number;
  model: { key: string };
};

function toServing(r: Row): ServingVersion {
  return {
    id: r.id,
    label: modelLabel(r.model.key, r.version),
    modelKey: r.model.key,
    implementationKey: r.implementationKey,
    params: (r.params ?? {}) as Record<string, unknown>,
    salt: r.salt,
    canaryShare: r.canaryShare,
  };
}
