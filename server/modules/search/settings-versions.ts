// Versioned search settings: ranking configurations and synonym sets. Each save makes a new
// draft version; activating one archives the previous active version (one active at a time,
// enforced by a partial unique index). Version 0 is the built-in default.
import type { Db } from '@/server/db/client';
import { withTx } from '@/server/db/client';
import { NotFoundError } from '@/server/errors';
import { newId } from '@/server/lib/ids';
import { DEFAULT_RANKING, rankingConfig, type RankingConfig } from './ranking-config';
import { DEFAULT_SYNONYMS, synonymEntries, type SynonymEntry } from './synonyms';
import { onInvalidate, publishInvalidation } from '@/server/lib/cache-bus';


export type ActiveRanking = { version: number; config: RankingConfig };
export type ActiveSynonyms = { version: number; entries: SynonymEntry[] };

const CACHE_MS = 5_000;
let rankingCache: { at: number; value: ActiveRanking } | undefined;
let synonymCache: { at: number; value: ActiveSynonyms } | undefined;

/** Forget cached settings (after activation, and between tests). */
export function clearSettingsCache() {
  rankingCache = undefined;
  synonymCache = undefined;
}
onInvalidate('search.settings', clearSettingsCache);

export async function getActiveRanking(db: Db): Promise<ActiveRanking> {
  if (rankingCache && Date.now() - rankingCache.at < CACHE_MS) return rankingCache.value;
  const row = await db.rankingVersion.findFirst({ where: { status: 'active' }, select: { version: true, config: true } });
  const value = row ? { version: row.version, config: rankingConfig.parse(row.config) } : { version: 0, config: DEFAULT_RANKING };
  rankingCache = { at: Date.now(), value };
  return value;
}

export async function getRankingVersion(db: Db, version: number): Promise<ActiveRanking> {
  if (version === 0) return { version: 0, config: DEFAULT_RANKING };
  const row = await db.rankingVersion.findUnique({ where: { version }, select: { version: true, config: true } });
  if (!row) throw new NotFoundError('ranking version', String(version));
  return { version: row.version, config: rankingConfig.parse(row.config) };
}

export async function getActiveSynonyms(db: Db): Promise<ActiveSynonyms> {
  if (synonymCache && Date.now() - synonymCache.at < CACHE_MS) return synonymCache.value;
  const row = await db.synonymVersion.findFirst({ where: { status: 'active' }, select: { version: true, entries: true } });
  const value = row ? { version: row.version, entries: synonymEntries.parse(row.entries) } : { version: 0, entries: DEFAULT_SYNONYMS };
  synonymCache = { at: Date.now(), value };
  return value;
}

type SaveInput<T> = { body: T; note?: string; createdBy: string; activate?: boolean };

export async function saveRankingVersion(db: Db, input: SaveInput<RankingConfig> & { name: string }) {
  const config = rankingConfig.parse(input.body);
  return withTx(db, async (tx) => {
    const last = await tx.rankingVersion.aggregate({ _max: { version: true } });
    const version = (last._max.version ?? 0) + 1;
    await tx.rankingVersion.create({
      data: { id: newId('rank'), version, name: input.name, config, note: input.note ?? '', createdBy: input.createdBy },
    });
    if (input.activate) await activate(tx, 'ranking', version);
    return { version };
  });
}

export async function saveSynonymVersion(db: Db, input: SaveInput<SynonymEntry[]>) {
  const entries = synonymEntries.parse(input.body);
  return withTx(db, async (tx) => {
    const last = await tx.synonymVersion.aggregate({ _max: { version: true } });
    const version = (last._max.version ?? 0) + 1;
    await tx.synonymVersion.create({
      data: { id: newId('syn'), version, entries, note: input.note ?? '', createdBy: input.createdBy },
    });
    if (input.activate) await activate(tx, 'synonyms', version);
    return { version };
  });
}

export function activateVersion(db: Db, kind: 'ranking' | 'synonyms', version: number) {
  return withTx(db, (tx) => activate(tx, kind, version));
}

async function activate(tx: Parameters<Parameters<typeof withTx>[1]>[0], kind: 'ranking' | 'synonyms', version: number) {
  const model = kind === 'ranking' ? tx.rankingVersion : tx.synonymVersion;
  // Prisma's delegates differ in type only by their row shape; both have these columns.
  const delegate = model as typeof tx.rankingVersion;
  const target = await delegate.findUnique({ where: { version }, select: { id: true } });
  if (!target) throw new NotFoundError(`${kind} version`, String(version));
  await delegate.updateMany({ where: { status: 'active' }, data: { status: 'archived' } });
  await delegate.update({ where: { version }, data: { status: 'active', activatedAt: new Date() } });
  // Every instance drops its cached settings when this transaction commits.
  await publishInvalidation(tx, 'search.settings');
  return { version };
}

export async function listVersions(db: Db, kind: 'ranking' | 'synonyms') {
  const select = { version: true, note: true, status: true, createdBy: true, createdAt: true, activatedAt: true } as const;
  return kind === 'ranking'
    ? db.rankingVersion.findMany({ select: { ...select, name: true, config: true }, orderBy: { version: 'desc' }, take: 50 })
    : db.synonymVersion.findMany({ select: { ...select, entries: true }, orderBy: { version: 'desc' }, take: 50 });
}

export type SettingsVersionRow = {
  id: string;
  version: number;
  status: 'draft' | 'active' | 'archived';
  body: RankingConfig | SynonymEntry[];
  name: string | null;
  note: string;
  createdBy: string;
  createdAt: Date;
  activatedAt: Date | null;
};

/** One saved version with its body (the policies module shows, diffs and approves it). */
export async function getSettingsVersion(db: Db, kind: 'ranking' | 'synonyms', version: number): Promise<SettingsVersionRow> {
  const row =
    kind === 'ranking'
      ? await db.rankingVersion.findUnique({ where: { version } })
      : await db.synonymVersion.findUnique({ where: { version } });
  if (!row) throw new NotFoundError(`${kind} version`, String(version));
  return toSettingsRow(row);
}

/** Every saved version, newest first, with bodies. */
export async function listSettingsVersions(db: Db, kind: 'ranking' | 'synonyms', limit = 50): Promise<SettingsVersionRow[]> {
  const rows =
    kind === 'ranking'
      ? await db.rankingVersion.findMany({ orderBy: { version: 'desc' }, take: limit })
      : await db.synonymVersion.findMany({ orderBy: { version: 'desc' }, take: limit });
  return rows.map(toSettingsRow);
}

function toSettingsRow(row: {
  id: string;
  version: number;
  status: string;
  note: string;
  createdBy: string;
  createdAt: Date;
  activatedAt: Date | null;
  name?: string;
  config?: unknown;
  entries?: unknown;
}): SettingsVersionRow {
  return {
    id: row.id,
    version: row.version,
    status: row.status as SettingsVersionRow['status'],
    body: 'config' in row ? rankingConfig.parse(row.config) : synonymEntries.parse(row.entries),
    name: row.name ?? null,
    note: row.note,
    createdBy: row.createdBy,
    createdAt: row.createdAt,
    activatedAt: row.activatedAt,
  };
}
