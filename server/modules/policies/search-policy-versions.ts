// Search settings as policies (ADR 028): the versions live in the search module's tables
// (ranking versions double as model versions and experiment arms), read through its exported
// functions; publishing and rollback are activations, audited here as policy actions.
import type { Db } from '@/server/db/client';
import type { Prisma } from '@/server/db/generated/client';
import { recordAudit } from '@/server/modules/audit/record-audit';
import {
  activateVersion,
  getSettingsVersion,
  listSettingsVersions,
  type SettingsVersionRow,
} from '@/server/modules/search/settings-versions';
import { SEARCH_SETTING_OF, type SearchPolicyKind } from './search-policy-kinds';
import type { PolicyVersionRow } from './policy-versions';

export type SearchPolicyVersion = Omit<PolicyVersionRow, 'kind'> & { kind: SearchPolicyKind };

export const searchPolicyLabel = (kind: SearchPolicyKind, version: number) => `${kind}@v${version}`;

function toPolicyRow(kind: SearchPolicyKind, r: SettingsVersionRow): SearchPolicyVersion {
  return {
    id: r.id,
    kind,
    version: r.version,
    status: r.status === 'active' ? 'published' : r.status,
    body: r.body,
    note: r.note || (r.name ?? ''),
    author: r.createdBy,
    basedOn: null,
    publishedBy: null,
    createdAt: r.createdAt,
    updatedAt: r.activatedAt ?? r.createdAt,
    publishedAt: r.activatedAt,
    archivedAt: null,
  };
}

export async function getSearchPolicyVersion(db: Db, kind: SearchPolicyKind, version: number) {
  return toPolicyRow(kind, await getSettingsVersion(db, SEARCH_SETTING_OF[kind], version));
}

export async function listSearchPolicyVersions(db: Db, kind: SearchPolicyKind) {
  return (await listSettingsVersions(db, SEARCH_SETTING_OF[kind])).map((r) => toPolicyRow(kind, r));
}

/** Activates a search version in the caller's transaction and audits it as a policy action. */
export async function activateSearchVersionLocked(
  tx: Prisma.TransactionClient,
  opts: {
    kind: SearchPolicyKind;
    version: number;
    actor: string;
    note?: string;
    action: 'policy.publish' | 'policy.rollback' | 'policy.rollback_emergency';
  },
) {
  const setting = SEARCH_SETTING_OF[opts.kind];
  await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext(${`policy:${opts.kind}`}))`;
  const previous = (await listSettingsVersions(tx, setting)).find((r) => r.status === 'active') ?? null;
  const target = await getSettingsVersion(tx, setting, opts.version);
  await activateVersion(tx, setting, opts.version);
  await recordAudit(tx, {
    actor: opts.actor,
    action: opts.action,
    entity: `search_${setting}_version`,
    entityId: target.id,
    before: previous ? { version: previous.version } : { version: 0 },
    after: { kind: opts.kind, version: target.version, body: target.body },
    reason:
      opts.note ||
      `${searchPolicyLabel(opts.kind, opts.version)} activated${previous ? ` (replaces v${previous.version})` : ''}`,
  });
  return toPolicyRow(opts.kind, { ...target, status: 'active', activatedAt: new Date() });
}
