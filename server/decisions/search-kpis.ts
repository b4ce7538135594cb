// Business KPIs per search ranking version: click-through and add-to-cart rate of the
// searches each version ranked, joined on request id with search's interaction events.
import type { Db } from '@/server/db/client';
import { interactionsByRequest } from '@/server/modules/search/search-events';

export type VersionKpis = {
  modelVersion: string;
  searches: number;
  clicks: number;
  addToCarts: number;
  ctr: number;
  addToCartRate: number;
};

const MAX_DECISIONS = 20_000;

export async function searchKpisByVersion(db: Db, since: Date): Promise<VersionKpis[]> {
  const decisions = await db.decisionLog.findMany({
    where: { kind: 'search_ranking', createdAt: { gte: since }, requestId: { not: null }, errorClass: null },
    select: { requestId: true, servedVersion: true },
    orderBy: { createdAt: 'desc' },
    take: MAX_DECISIONS,
  });
  const interactions = await interactionsByRequest(db, [...new Set(decisions.map((d) => d.requestId!))]);
  const byVersion = new Map<string, VersionKpis>();
  for (const d of decisions) {
    const k = byVersion.get(d.servedVersion) ?? {
      modelVersion: d.servedVersion,
      searches: 0,
      clicks: 0,
      addToCarts: 0,
      ctr: 0,
      addToCartRate: 0,
    };
    const i = interactions.get(d.requestId!);
    k.searches += 1;
    // A search counts once for CTR however many results were clicked.
    if (i?.clicks) k.clicks += 1;
    if (i?.addToCarts) k.addToCarts += 1;
    byVersion.set(d.servedVersion, k);
  }
  return [...byVersion.values()]
    .map((k) => ({
      ...k,
      ctr: k.searches ? k.clicks / k.searches : 0,
      addToCartRate: k.searches ? k.addToCarts / k.searches : 0,
    }))
    .sort((a, b) => a.modelVersion.localeCompare(b.modelVersion));
}
