// Versioned merchant policies: drafts are edited in place; publishing freezes a version and
// archives the one it replaces (at most one published per kind, by a partial unique index);
// rollback publishes a copy of an older version, so history only ever grows. Every publish
// and rollback is audited in the same transaction.
import { z } from 'zod';
import { withTx, type Db } from '@/server/db/client';
import type { Prisma } from '@/server/db/generated/client';
import { ConflictError, InvalidError, NotFoundError } from '@/server/errors';
import { emailToken, isEmailToken } from '@/server/lib/identity-token';
import { newId } from '@/server/lib/ids';
import { recordAudit } from '@/server/modules/audit/record-audit';
import {
  createDraftInput,
  diffInput,
  publishInput,
  rollbackPolicyInput,
  updateDraftInput,
  type CreateDraftInput,
  type PublishInput,
  type RollbackPolicyInput,
  type UpdateDraftInput,
} from './policies.schema';
import { DEFAULT_POLICIES, POLICY_BODIES, type PolicyBody, type PolicyKind } from './policy-kinds';
import { onInvalidate, publishInvalidation } from '@/server/lib/cache-bus';

export type PolicyVersionRow = {
  id: string;
  kind: PolicyKind;
  version: number;
  status: 'draft' | 'published' | 'archived';
  body: unknown;
  note: string;
  author: string;
  basedOn: number | null;
  publishedBy: string | null;
  createdAt: Date;
  updatedAt: Date;
  publishedAt: Date | null;
  archivedAt: Date | null;
};

/** Validates a body against its kind's schema; raw emails in risk lists become tokens. */
export function parsePolicyBody<K extends PolicyKind>(kind: K, body: unknown): PolicyBody<K> {
  const parsed = POLICY_BODIES[kind].safeParse(body);
  if (!parsed.success) {
    const issues = parsed.error.issues.map((i) => ({ path: i.path.join('.') || '(root)', message: i.message }));
    throw new InvalidError(`invalid ${kind} policy: ${issues.map((i) => `${i.path}: ${i.message}`).join('; ')}`, {
      issues,
    });
  }
  const value = parsed.data as PolicyBody<K>;
  if (kind === 'risk') {
    const risk = value as PolicyBody<'risk'>;
    // Policies never hold raw email addresses: an address typed in the editor is stored as its token.
    const tokens = (list: string[]) => [...new Set(list.map((e) => (isEmailToken(e) ? e : emailToken(e))))];
    risk.allow.emails = tokens(risk.allow.emails);
    risk.block.emails = tokens(risk.block.emails);
  }
  return value;
}

export async function listPolicyVersions(db: Db, kind: PolicyKind): Promise<PolicyVersionRow[]> {
  const rows = await db.policyVersion.findMany({ where: { kind }, orderBy: { version: 'desc' } });
  return rows as PolicyVersionRow[];
}

export async function getPolicyVersion(db: Db, id: string): Promise<PolicyVersionRow> {
  const row = await db.policyVersion.findUnique({ where: { id } });
  if (!row) throw new NotFoundError('policy version', id);
  return row as PolicyVersionRow;
}

export async function getPolicyVersionByNumber(db: Db, kind: PolicyKind, version: number): Promise<PolicyVersionRow> {
  return getByNumber(db, kind, version);
}

async function getByNumber(db: Db, kind: PolicyKind, version: number): Promise<PolicyVersionRow> {
  const row = await db.policyVersion.findUnique({ where: { kind_version: { kind, version } } });
  if (!row) throw new NotFoundError(`${kind} policy version`, `v${version}`);
  return row as PolicyVersionRow;
}

export type PublishedPolicy<K extends PolicyKind> = { id: string; version: number; label: string; body: PolicyBody<K> };

const CACHE_MS = 1_000;
let cache = new WeakMap<object, Map<PolicyKind, { at: number; value: PublishedPolicy<PolicyKind> | null }>>();

/** The published version of a kind (cached for a second: checkout reads it on every order). */
export async function getPublishedPolicy<K extends PolicyKind>(db: Db, kind: K): Promise<PublishedPolicy<K> | null> {
  const perDb = cache.get(db) ?? new Map();
  cache.set(db, perDb);
  const hit = perDb.get(kind);
  if (hit && Date.now() - hit.at < CACHE_MS) return hit.value as PublishedPolicy<K> | null;
  const row = await db.policyVersion.findFirst({ where: { kind, status: 'published' } });
  const value = row
    ? {
        id: row.id,
        version: row.version,
        label: policyLabel(kind, row.version),
        body: POLICY_BODIES[kind].parse(row.body),
      }
    : null;
  perDb.set(kind, { at: Date.now(), value: value as PublishedPolicy<PolicyKind> | null });
  return value as PublishedPolicy<K> | null;
}

export function invalidatePolicyCache(): void {
  cache = new WeakMap();
}
// A publish or rollback on any instance reaches this one through the cache bus.
onInvalidate('policies.published', invalidatePolicyCache);

export function policyLabel(kind: PolicyKind, version: number): string {
  return `${kind}-policy@v${version}`;
}

export async function createDraft(db: Db, raw: CreateDraftInput): Promise<PolicyVersionRow> {
  const input = createDraftInput.parse(raw);
  return withTx(db, async (tx) => {
    await lockKind(tx, input.kind);
    let basedOn: number | null = null;
    let body: unknown = input.body;
    if (body === undefined) {
      const source = input.fromVersion
        ? await getByNumber(tx, input.kind, input.fromVersion)
        : await tx.policyVersion.findFirst({ where: { kind: input.kind, status: 'published' } });
      body = source?.body ?? DEFAULT_POLICIES[input.kind];
      basedOn = source?.version ?? null;
    }
    const parsed = parsePolicyBody(input.kind, body);
    const row = await insertVersion(tx, {
      kind: input.kind,
      body: parsed,
      note: input.note,
      author: input.actor,
      basedOn,
    });
    return row;
  });
}

export async function updateDraft(db: Db, raw: UpdateDraftInput): Promise<PolicyVersionRow> {
  const input = updateDraftInput.parse(raw);
  return withTx(db, async (tx) => {
    const current = await lockVersion(tx, input.id);
    if (current.status !== 'draft')
      throw new ConflictError(
        `${policyLabel(current.kind, current.version)} is ${current.status}; only drafts can be edited`,
      );
    const body = parsePolicyBody(current.kind, input.body);
    const row = await tx.policyVersion.update({
      where: { id: current.id },
      data: {
        body: body as Prisma.InputJsonValue,
        note: input.note ?? current.note,
        updatedAt: new Date(),
      },
    });
    return row as PolicyVersionRow;
  });
}

export async function publishPolicyVersion(db: Db, raw: PublishInput): Promise<PolicyVersionRow> {
  const input = publishInput.parse(raw);
  const row = await withTx(db, async (tx) => {
    const target = await lockVersion(tx, input.id);
    await lockKind(tx, target.kind);
    if (target.status !== 'draft')
      throw new ConflictError(
        `${policyLabel(target.kind, target.version)} is ${target.status}; only a draft can be published`,
      );
    // Re-validate: the schema may have tightened since the draft was saved.
    parsePolicyBody(target.kind, target.body);
    return publishLocked(tx, target, { actor: input.actor, action: 'policy.publish', note: input.note });
  });
  await publishInvalidation(db, 'policies.published');
  return row;
}

/**
 * Publishes a copy of an older version (history is never rewritten). Callers gate it by
 * four-eyes (policy-approvals.ts); `emergency` marks a rollback that bypassed the gate.
 */
export async function rollbackPolicy(
  db: Db,
  raw: RollbackPolicyInput,
  opts: { emergency?: boolean } = {},
): Promise<PolicyVersionRow> {
  const input = rollbackPolicyInput.parse(raw);
  const row = await withTx(db, async (tx) => {
    await lockKind(tx, input.kind);
    const source = await getByNumber(tx, input.kind, input.toVersion);
    if (source.status === 'draft')
      throw new ConflictError(`v${source.version} was never published; publish it instead of rolling back to it`);
    const copy = await insertVersion(tx, {
      kind: input.kind,
      body: parsePolicyBody(input.kind, source.body),
      note: input.note || `rollback to v${source.version}`,
      author: input.actor,
      basedOn: source.version,
    });
    return publishLocked(tx, copy, {
      actor: input.actor,
      action: opts.emergency ? 'policy.rollback_emergency' : 'policy.rollback',
      note: input.note,
    });
  });
  await publishInvalidation(db, 'policies.published');
  return row;
}

export type PolicyDiffEntry = { path: string; before: unknown; after: unknown };

export async function diffPolicyVersions(db: Db, raw: z.input<typeof diffInput>) {
  const input = diffInput.parse(raw);
  const [from, to] = await Promise.all([
    getByNumber(db, input.kind, input.from),
    getByNumber(db, input.kind, input.to),
  ]);
  return { from: from.version, to: to.version, changes: diffJson(from.body, to.body) };
}

/** Leaf-level differences between two JSON values; arrays compare as wholes (lists of entries). */
export function diffJson(before: unknown, after: unknown, path = ''): PolicyDiffEntry[] {
  const isObj = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
  if (isObj(before) && isObj(after)) {
    const keys = [...new Set([...Object.keys(before), ...Object.keys(after)])].sort();
    return keys.flatMap((k) => diffJson(before[k], after[k], path ? `${path}.${k}` : k));
  }
  if (JSON.stringify(before) === JSON.stringify(after)) return [];
  return [{ path: path || '(root)', before: before ?? null, after: after ?? null }];
}

/**
 * Creates the default published version of each kind when none exists (first start). Idempotent:
 * a kind that has any version is left alone.
 */
export async function ensureDefaultPolicies(db: Db): Promise<{ created: PolicyKind[] }> {
  const created: PolicyKind[] = [];
  for (const kind of ['risk', 'discount'] as const) {
    const done = await withTx(db, async (tx) => {
      await lockKind(tx, kind);
      if (await tx.policyVersion.count({ where: { kind } })) return false;
      const row = await insertVersion(tx, {
        kind,
        body: DEFAULT_POLICIES[kind],
        note: 'default policy',
        author: 'system',
        basedOn: null,
      });
      await publishLocked(tx, row, {
        actor: 'system',
        action: 'policy.publish',
        note: 'default policy on first start',
      });
      return true;
    });
    if (done) created.push(kind);
  }
  if (created.length) await publishInvalidation(db, 'policies.published');
  else invalidatePolicyCache();
  return { created };
}

async function insertVersion(
  tx: Prisma.TransactionClient,
  v: { kind: PolicyKind; body: unknown; note: string; author: string; basedOn: number | null },
): Promise<PolicyVersionRow> {
  const last = await tx.policyVersion.aggregate({ where: { kind: v.kind }, _max: { version: true } });
  const row = await tx.policyVersion.create({
    data: {
      id: newId('pol'),
      kind: v.kind,
      version: (last._max.version ?? 0) + 1,
      status: 'draft',
      body: v.body as Prisma.InputJsonValue,
      note: v.note,
      author: v.author,
      basedOn: v.basedOn,
    },
  });
  return row as PolicyVersionRow;
}

async function publishLocked(
  tx: Prisma.TransactionClient,
  target: PolicyVersionRow,
  opts: { actor: string; action: 'policy.publish' | 'policy.rollback' | 'policy.rollback_emergency'; note?: string },
): Promise<PolicyVersionRow> {
  const previous = await tx.policyVersion.findFirst({ where: { kind: target.kind, status: 'published' } });
  const now = new Date();
  if (previous) {
    await tx.policyVersion.update({ where: { id: previous.id }, data: { status: 'archived', archivedAt: now } });
  }
  const row = await tx.policyVersion.update({
    where: { id: target.id },
    data: { status: 'published', publishedAt: now, publishedBy: opts.actor, updatedAt: now },
  });
  await recordAudit(tx, {
    actor: opts.actor,
    action: opts.action,
    entity: 'policy_version',
    entityId: target.id,
    before: previous ? { version: previous.version, body: previous.body } : null,
    after: { kind: target.kind, version: target.version, body: target.body },
    reason:
      opts.note ||
      `${policyLabel(target.kind, target.version)} published${previous ? ` (replaces v${previous.version})` : ''}`,
  });
  return row as PolicyVersionRow;
}

async function lockVersion(tx: Prisma.TransactionClient, id: string): Promise<PolicyVersionRow> {
  await tx.$queryRaw`SELECT 1 FROM policy_versions WHERE id = ${id} FOR UPDATE`;
  return getPolicyVersion(tx, id);
}

/** Serialises version numbering and publishing per kind. */
async function lockKind(tx: Prisma.TransactionClient, kind: PolicyKind) {
  await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext(${`policy:${kind}`}))`;
}
