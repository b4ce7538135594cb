// Reading the decision log: one decision with its shadows, a filtered page of decisions,
// and the serving health the console charts.
import type { Db } from '@/server/db/client';
import { NotFoundError } from '@/server/errors';
import type { ModelKindName } from '@/server/modules/models/model-kinds';
import { pseudonymousSubject } from './input-digest';
import {
  decisionIdInput,
  listDecisionsInput,
  metricsInput,
  type ListDecisionsInput,
  type MetricsInput,
} from './decisions.schema';
import { versionCosts } from './decision-costs';
import { searchKpisByVersion } from './search-kpis';
import { shadowComparison } from './shadow-comparison';
import { versionMetrics, versionTimeseries } from './version-metrics';

export async function getDecision(db: Db, raw: { id: string }) {
  const { id } = decisionIdInput.parse(raw);
  const row = await db.decisionLog.findUnique({ where: { id } });
  if (!row) throw new NotFoundError('decision', id);
  const shadows = await db.decisionShadowResult.findMany({ where: { decisionId: id }, orderBy: { createdAt: 'asc' } });
  return {
    ...row,
    shadows,
    telemetry: {
      decisionId: row.id,
      modelVersion: row.servedVersion,
      arm: row.arm,
      confidence: row.confidence,
      latencyMs: row.latencyMs,
      degraded: row.degraded,
    },
  };
}

export async function listDecisions(db: Db, raw: ListDecisionsInput = {}) {
  const input = listDecisionsInput.parse(raw);
  const rows = await db.decisionLog.findMany({
    where: {
      kind: input.kind,
      degraded: input.degraded,
      subjectKey: input.subjectKey,
      id: input.before ? { lt: input.before } : undefined,
      ...(input.modelVersion
        ? { OR: [{ modelVersion: input.modelVersion }, { servedVersion: input.modelVersion }] }
        : {}),
    },
    orderBy: { id: 'desc' },
    take: input.limit,
    select: {
      id: true,
      kind: true,
      subjectKey: true,
      arm: true,
      modelVersion: true,
      servedVersion: true,
      confidence: true,
      score: true,
      latencyMs: true,
      degraded: true,
      errorClass: true,
      requestId: true,
      createdAt: true,
    },
  });
  return { items: rows, nextBefore: rows.length === input.limit ? rows.at(-1)!.id : null };
}

export async function decisionMetrics(db: Db, raw: MetricsInput) {
  const input = metricsInput.parse(raw);
  const since = new Date(Date.now() - input.windowMinutes * 60_000);
  const [versions, series, shadows, kpis, costs] = [
    await versionMetrics(db, input.kind, { since }),
    await versionTimeseries(db, input.kind, { since, bucketMinutes: input.bucketMinutes }),
    await shadowComparison(db, input.kind, { since }),
    input.kind === 'search_ranking' ? await searchKpisByVersion(db, since) : [],
    await versionCosts(db, input.kind, { since }),
  ];
  return { kind: input.kind, since, versions, series, shadows, kpis, costs };
}

/** The newest logged decision of a kind about a subject (e.g. the risk score of an order), or null. */
export async function latestDecisionForSubject(db: Db, kind: ModelKindName, subject: string) {
  return db.decisionLog.findFirst({
    where: { kind, subjectKey: pseudonymousSubject(subject) },
    orderBy: { createdAt: 'desc' },
    select: { id: true, modelVersion: true, servedVersion: true, score: true, createdAt: true },
  });
}

/** decision id → the features the model saw (as logged), for turning labels into training rows. */
export async function decisionFeatures(db: Db, ids: string[]): Promise<Map<string, Record<string, unknown>>> {
  const rows = ids.length
    ? await db.decisionLog.findMany({ where: { id: { in: ids } }, select: { id: true, features: true } })
    : [];
  return new Map(rows.map((r) => [r.id, (r.features ?? {}) as Record<string, unknown>]));
}
