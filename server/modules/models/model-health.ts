// Model health for the console dashboard: the production version of each kind and the
// alerts nobody has acknowledged yet.
import type { Db } from '@/server/db/client';

export async function modelHealth(db: Db) {
  const [production, openAlerts, latest] = await Promise.all([
    db.modelVersion.findMany({
      where: { stage: 'production' },
      orderBy: { kind: 'asc' },
      select: { id: true, kind: true, version: true, stageChangedAt: true, model: { select: { key: true, name: true } } },
    }),
    db.modelAlert.count({ where: { acknowledgedAt: null } }),
    db.modelAlert.findMany({
      where: { acknowledgedAt: null },
      orderBy: { createdAt: 'desc' },
      take: 3,
      select: { id: true, kind: true, type: true, message: true, createdAt: true },
    }),
  ]);
  return {
    production: production.map((v) => ({
      kind: v.kind,
      label: `${v.model.key}@v${v.version}`,
      name: v.model.name,
      since: v.stageChangedAt,
    })),
    openAlerts,
    latestAlerts: latest,
  };
}
