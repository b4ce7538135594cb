// Recommendations for a placement: gather what the shopper may contribute (nothing when
// personalization is off), ask the decision seam, apply merchant rules and live stock, and
// hydrate product cards. When the decision fails or times out the shopper still gets
// best-sellers, and the telemetry says degraded.
import type { Db } from '@/server/db/client';
import { decide, type DecisionTelemetry } from '@/server/decisions/decide';
import { DomainError } from '@/server/errors';
import { newId } from '@/server/lib/ids';
import type { ProductSummary } from '@/server/modules/catalog/product-summary';
import { listProductsForIndex, type IndexableProduct } from '@/server/modules/catalog/list-for-index';
import { bestSellers } from './algorithms';
import { getCatalog, invalidateCatalog, liveEligible } from './catalog-snapshot';
import { getPopularity } from './cooc-store';
import './engine';
import { rulesFor } from './merchant-rules';
import { placementRulesFor, scopeOfSection, type PlacementRuleRow } from './placement-rules';
import {
  forCartInput,
  forHomeInput,
  forProductInput,
  type DecisionInput,
  type DecisionOutput,
  type Placement,
  type SectionOutput,
} from './recs.schema';
import { shopperSignals } from './shopper-signals';
import type { z } from 'zod';

export type RecsRequestContext = {
  requestId?: string | null;
  sessionKey: string | null;
  personalizationOff?: boolean;
  /** Overrides how long the page waits (tests). */
  timeoutMs?: number;
  /** A console preview: served exactly as shoppers get it, but not logged as a decision. */
  preview?: boolean;
};

export type RecommendedItem = { product: ProductSummary; reason: string; position: number };
export type RecommendedSection = { id: string; title: string; strategy: string; items: RecommendedItem[] };
export type Recommendations = {
  placement: Placement;
  personalized: boolean;
  sections: RecommendedSection[];
  telemetry: Omit<DecisionTelemetry, 'experiment'> & {
    requestId: string | null;
    coldStart: boolean;
    experiment: DecisionTelemetry['experiment'];
  };
};

// The seam runs the built-in unbudgeted; the page must not wait on it longer than this.
const DOOR_TIMEOUT_MS = Number(process.env.RECS_TIMEOUT_MS ?? 2_000);

class RecsTimeoutError extends Error {
  constructor(ms: number) {
    super(`recommendations took longer than ${ms} ms`);
    this.name = 'RecsTimeoutError';
  }
}

function withTimeout<T>(work: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  return Promise.race([
    work,
    new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new RecsTimeoutError(ms)), ms);
    }),
  ]).finally(() => clearTimeout(timer));
}

export class UnknownProductError extends DomainError {
  constructor(field: string, id: string) {
    super('NOT_FOUND', `${field}: ${id} is not a product in this store`, { field, id });
  }
}

export async function recommendForHome(
  db: Db,
  raw: z.input<typeof forHomeInput>,
  ctx: RecsRequestContext,
): Promise<Recommendations> {
  const { limit } = forHomeInput.parse(raw);
  const personal = Boolean(ctx.sessionKey && !ctx.personalizationOff);
  // Opted out: nothing about the visitor goes in, not even their key as the subject.
  const signals = personal ? await shopperSignals(db, ctx.sessionKey!) : null;
  const input: DecisionInput = { placement: 'home', limit, personalized: personal, signals };
  return serve(db, 'home', input, ctx, []);
}

export async function recommendForProduct(
  db: Db,
  raw: z.input<typeof forProductInput>,
  ctx: RecsRequestContext,
): Promise<Recommendations> {
  const { productId, limit } = forProductInput.parse(raw);
  await assertProducts(db, 'productId', [productId]);
  const rules = await rulesFor(db, productId);
  return serve(db, 'product', { placement: 'product', productId, limit }, ctx, rules, [productId]);
}

export async function recommendForCart(
  db: Db,
  raw: z.input<typeof forCartInput>,
  ctx: RecsRequestContext,
): Promise<Recommendations> {
  const { productIds, limit } = forCartInput.parse(raw);
  await assertProducts(db, 'productIds', productIds);
  return serve(db, 'cart', { placement: 'cart', productIds, limit }, ctx, [], productIds);
}

async function assertProducts(db: Db, field: string, ids: string[]) {
  const catalog = await getCatalog(db);
  const unknown = ids.filter((id) => !catalog.items.has(id));
  if (unknown.length === 0) return;
  // Created since the snapshot was taken? Then refresh it rather than calling it unknown.
  const found = new Set((await listProductsForIndex(db, { ids: unknown, limit: unknown.length })).map((p) => p.id));
  const missing = unknown.find((id) => !found.has(id));
  if (missing) throw new UnknownProductError(field, missing);
  invalidateCatalog(db);
}

function subjectOf(ctx: RecsRequestContext): string {
  return ctx.sessionKey && !ctx.personalizationOff ? ctx.sessionKey : `anon_${ctx.requestId ?? newId('req')}`;
}

async function serve(
  db: Db,
  placement: Placement,
  input: DecisionInput,
  ctx: RecsRequestContext,
  rules: { targetId: string; action: 'pin' | 'exclude'; position: number }[],
  excludeIds: string[] = [],
): Promise<Recommendations> {
  const requestId = ctx.requestId ?? null;
  let telemetry: Recommendations['telemetry'];
  let output: DecisionOutput | null = null;
  try {
    const decision = await withTimeout(
      decide<DecisionOutput>(db, 'recommendation', subjectOf(ctx), input, { requestId, log: !ctx.preview }),
      ctx.timeoutMs ?? DOOR_TIMEOUT_MS,
    );
    output = Array.isArray(decision.output?.sections) ? decision.output : null;
    telemetry = { ...decision.telemetry, requestId, coldStart: output?.coldStart ?? false };
  } catch (err) {
    if (err instanceof DomainError || (err as Error)?.name === 'ZodError') throw err;
    console.error(JSON.stringify({ level: 'error', requestId, msg: 'recommendation failed', err: String(err) }));
    telemetry = {
      decisionId: '',
      modelVersion: 'recommendation@fallback',
      arm: 'builtin',
      confidence: null,
      latencyMs: 0,
      degraded: true,
      requestId,
      coldStart: false,
      experiment: null,
    };
  }
  // The safe default (no sections) or a failed seam: best-sellers keep the page useful.
  if (!output || output.sections.every((s) => s.items.length === 0)) {
    telemetry = { ...telemetry, degraded: telemetry.degraded || !output };
    output = { sections: await fallbackSections(db, input.limit, excludeIds).catch(() => []), coldStart: false };
  }
  const placementRules = await placementRulesFor(db, placement);
  const sections = await applyRulesAndStock(db, placement, output.sections, rules, placementRules, excludeIds, input.limit);
  return {
    placement,
    personalized:
      input.placement === 'home' &&
      input.personalized &&
      input.signals !== null &&
      sections.some((s) => s.strategy !== 'popularity'),
    sections,
    telemetry,
  };
}

async function fallbackSections(db: Db, limit: number, exclude: string[]): Promise<SectionOutput[]> {
  const [catalog, pop] = await Promise.all([getCatalog(db), getPopularity(db)]);
  const items = bestSellers(catalog, pop, { limit, exclude: new Set(exclude) });
  return [{ id: 'best-sellers', title: 'Best-sellers', strategy: 'popularity', items }];
}

/**
 * Merchant rules and live stock/status. A product's own rules: excluded everywhere on its
 * page, pins first in the first section. Placement rules (ADR 031) act on the sections of
 * their scope: excluded there, pins first in the scope's first section (after the product's
 * own pins), and a boost of b moves a proposed item up as if it stood at (rank / b): a nudge
 * within what the model proposed, scale-free across sections whose scores differ.
 */
async function applyRulesAndStock(
  db: Db,
  placement: Placement,
  sections: SectionOutput[],
  rules: { targetId: string; action: 'pin' | 'exclude'; position: number }[],
  placementRules: PlacementRuleRow[],
  excludeIds: string[],
  limit: number,
): Promise<RecommendedSection[]> {
  const excluded = new Set([...excludeIds, ...rules.filter((r) => r.action === 'exclude').map((r) => r.targetId)]);
  const pins = rules
    .filter((r) => r.action === 'pin' && !excluded.has(r.targetId))
    .sort((a, b) => a.position - b.position);
  const ids = [
    ...new Set([
      ...pins.map((p) => p.targetId),
      ...placementRules.filter((r) => r.action === 'pin').map((r) => r.targetId),
      ...sections.flatMap((s) => s.items.map((i) => i.productId)),
    ]),
  ];
  const live = await liveEligible(db, ids);
  const seenScopes = new Set<string>();
  return sections
    .map((s, si) => {
      const scope = scopeOfSection(placement, s.id);
      const firstOfScope = !seenScopes.has(scope);
      seenScopes.add(scope);
      const scoped = placementRules.filter((r) => r.placement === scope);
      const out = new Set([...excluded, ...scoped.filter((r) => r.action === 'exclude').map((r) => r.targetId)]);
      const boosts = new Map(scoped.filter((r) => r.action === 'boost').map((r) => [r.targetId, r.boost]));
      const pinIds = [
        ...(si === 0 ? pins.map((p) => p.targetId) : []),
        ...(firstOfScope ? scoped.filter((r) => r.action === 'pin').map((r) => r.targetId) : []),
      ];
      const pinned = [...new Set(pinIds)]
        .filter((id) => !out.has(id))
        .map((productId) => ({ productId, score: 0, reason: 'Recommended by the store' }));
      const pinnedIds = new Set(pinned.map((p) => p.productId));
      let rest = s.items.filter((i) => !pinnedIds.has(i.productId));
      if (boosts.size)
        rest = rest
          .map((item, rank) => ({ item, key: (rank + 1) / (boosts.get(item.productId) ?? 1) }))
          .sort((a, b) => a.key - b.key)
          .map((x) => x.item);
      const items = [...pinned, ...rest]
        .filter((i) => !out.has(i.productId) && live.has(i.productId))
        .slice(0, limit)
        .map((i, position) => ({ product: summary(live.get(i.productId)!), reason: i.reason, position }));
      return { id: s.id, title: s.title, strategy: s.strategy, items };
    })
    .filter((s) => s.items.length > 0);
}

function summary(p: IndexableProduct): ProductSummary {
  return {
    id: p.id,
    slug: p.slug,
    title: p.title,
    category: p.categoryPath.at(-1) ?? null,
    priceCents: p.priceCents,
    currency: 'USD',
    inStock: p.inStock,
    ratingAvg: p.ratingAvg,
    reviewCount: p.reviewCount,
  };
}
