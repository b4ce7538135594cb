// The Policies page's view of search settings (ADR 028): versions, diff, simulation against
// recent real queries, saving with an optional go-live (gated like a policy publish), and the
// one list of every policy kind with what is live and what waits for approval.
import { z } from 'zod';
import type { Db } from '@/server/db/client';
import { InvalidError } from '@/server/errors';
import { rankingConfig } from '@/server/modules/search/ranking-config';
import { saveRankingVersion, saveSynonymVersion } from '@/server/modules/search/settings-versions';
import { simulateRanking, simulateSynonyms } from '@/server/modules/search/simulate-settings';
import { synonymEntries } from '@/server/modules/search/synonyms';
import { activateSearchOrRequestApproval } from './policy-approvals';
import { ANY_POLICY_KINDS } from './policy-approvals.schema';
import { diffJson, getPublishedPolicy, policyLabel } from './policy-versions';
import { POLICY_KINDS } from './policy-kinds';
import { SEARCH_POLICY_KINDS, isSearchPolicyKind, type SearchPolicyKind } from './search-policy-kinds';
import { getSearchPolicyVersion, listSearchPolicyVersions, searchPolicyLabel } from './search-policy-versions';

export const searchPolicyKind = z.enum(SEARCH_POLICY_KINDS);
export const searchVersionsInput = z.object({ kind: searchPolicyKind });
export const searchDiffInput = z.object({
  kind: searchPolicyKind,
  from: z.number().int().min(1),
  to: z.number().int().min(1),
});
export const activateSearchInput = z.object({
  kind: searchPolicyKind,
  version: z.number().int().min(1),
  note: z.string().trim().max(500).default(''),
});
export const simulateSearchInput = z.object({
  kind: searchPolicyKind,
  body: z.unknown(),
  days: z.number().int().min(1).max(90).default(14),
});

export function listSearchVersions(db: Db, raw: z.input<typeof searchVersionsInput>) {
  return listSearchPolicyVersions(db, searchVersionsInput.parse(raw).kind);
}

export async function diffSearchVersions(db: Db, raw: z.input<typeof searchDiffInput>) {
  const input = searchDiffInput.parse(raw);
  const [from, to] = await Promise.all([
    getSearchPolicyVersion(db, input.kind, input.from),
    getSearchPolicyVersion(db, input.kind, input.to),
  ]);
  return { from: from.version, to: to.version, changes: diffJson(from.body, to.body) };
}

/** search_rules: queries whose top results change; synonyms: queries touching a changed term. */
export async function simulateSearchPolicy(db: Db, raw: z.input<typeof simulateSearchInput>) {
  const input = simulateSearchInput.parse(raw);
  if (input.kind === 'search_rules') {
    const parsed = rankingConfig.safeParse(input.body);
    if (!parsed.success) throw invalid('search_rules', parsed.error);
    return { kind: input.kind, search: await simulateRanking(db, parsed.data, { days: input.days }) };
  }
  const parsed = synonymEntries.safeParse(input.body);
  if (!parsed.success) throw invalid('synonyms', parsed.error);
  return { kind: input.kind, synonyms: await simulateSynonyms(db, parsed.data, { days: input.days }) };
}

function invalid(kind: string, error: z.ZodError) {
  const issues = error.issues.map((i) => ({ path: i.path.join('.') || '(root)', message: i.message }));
  return new InvalidErrorWithIssues(
    `invalid ${kind} policy: ${issues.map((i) => `${i.path}: ${i.message}`).join('; ')}`,
    issues,
  );
}
class InvalidErrorWithIssues extends InvalidError {
  constructor(message: string, issues: { path: string; message: string }[]) {
    super(message, { issues });
  }
}

/**
 * Saves a search version (a new draft) and, when asked, takes it live through the four-eyes
 * gate: with four-eyes on, the version is saved and the refusal names the approval request.
 */
export async function saveSearchSettings(
  db: Db,
  actor: { id: string; email: string },
  input:
    | { kind: 'search_rules'; name: string; body: unknown; note?: string; activate: boolean }
    | { kind: 'synonyms'; body: unknown; note?: string; activate: boolean },
) {
  const saved =
    input.kind === 'search_rules'
      ? await saveRankingVersion(db, {
          name: input.name,
          body: rankingConfig.parse(input.body),
          note: input.note,
          createdBy: actor.id,
        })
      : await saveSynonymVersion(db, { body: synonymEntries.parse(input.body), note: input.note, createdBy: actor.id });
  if (input.activate)
    await activateSearchOrRequestApproval(db, actor, { kind: input.kind, version: saved.version, note: input.note });
  return saved;
}

/** One row per policy kind: what is live, how many versions, how many requests wait. */
export async function policyOverview(db: Db) {
  const pending = await db.policyApproval.groupBy({
    by: ['kind'],
    where: { status: 'pending' },
    _count: { _all: true },
  });
  const waiting = new Map(pending.map((p) => [p.kind, p._count._all]));
  const rows = [];
  for (const kind of ANY_POLICY_KINDS) {
    if (isSearchPolicyKind(kind)) {
      const versions = await listSearchPolicyVersions(db, kind as SearchPolicyKind);
      const live = versions.find((v) => v.status === 'published');
      rows.push({
        kind,
        live: live ? searchPolicyLabel(kind, live.version) : `${kind}@v0 (built-in)`,
        versions: versions.length,
        drafts: versions.filter((v) => v.status === 'draft').length,
        pendingApprovals: waiting.get(kind) ?? 0,
      });
    } else {
      const k = kind as (typeof POLICY_KINDS)[number];
      const published = await getPublishedPolicy(db, k);
      const [versions, drafts] = await Promise.all([
        db.policyVersion.count({ where: { kind: k } }),
        db.policyVersion.count({ where: { kind: k, status: 'draft' } }),
      ]);
      rows.push({
        kind,
        live: published
          ? policyLabel(k, published.version)
          : k === 'recovery'
            ? 'settings from env (defaults)'
            : 'none',
        versions,
        drafts,
        pendingApprovals: waiting.get(kind) ?? 0,
      });
    }
  }
  return rows;
}
