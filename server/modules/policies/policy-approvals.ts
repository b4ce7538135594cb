// Four-eyes for every policy change (ADR 017, extended by ADR 028). With the `policy.four_eyes`
// setting on, no one publishes a policy draft or rolls a policy back directly: the attempt is
// refused (409, rule "four_eyes") and becomes an approval request, which also appears in
// Console → Reviews (kind `policy_approval`). Another staff member with policy.publish —
// neither the requester nor the draft's author — approves it (the change happens in the same
// transaction) or rejects it. The request pins the body by digest, so what is approved is what
// was asked for. Search settings (ranking rules, synonyms) go through the same path. An
// emergency rollback with a written reason bypasses the gate and is audited as such.
import { createHash } from 'node:crypto';
import { withTx, type Db } from '@/server/db/client';
import type { Prisma } from '@/server/db/generated/client';
import { ConflictError, NotFoundError } from '@/server/errors';
import { newId } from '@/server/lib/ids';
import { recordAudit } from '@/server/modules/audit/record-audit';
import { closeReviewForSubject } from '@/server/modules/reviews/close-review';
import { enqueueReview } from '@/server/modules/reviews/enqueue-review';
import { getSetting } from '@/server/modules/settings/settings';
import { FourEyesError } from './four-eyes-error';
import {
  decideApprovalInput,
  emergencyReason,
  listApprovalsInput,
  requestApprovalInput,
  type AnyPolicyKind,
  type ApprovalAction,
  type DecideApprovalInput,
  type ListApprovalsInput,
  type RequestApprovalInput,
} from './policy-approvals.schema';
import {
  getPolicyVersion,
  getPolicyVersionByNumber,
  policyLabel,
  publishPolicyVersion,
  rollbackPolicy,
} from './policy-versions';
import type { PublishInput, RollbackPolicyInput } from './policies.schema';
import { isSearchPolicyKind, type SearchPolicyKind } from './search-policy-kinds';
import { activateSearchVersionLocked, getSearchPolicyVersion, searchPolicyLabel } from './search-policy-versions';
import type { PolicyKind } from './policy-kinds';

export { FourEyesError };

type Actor = { id: string; email: string };
type Tx = Prisma.TransactionClient;
/** The version a request is about, whichever module stores it. */
type Subject = { kind: AnyPolicyKind; id: string; version: number; status: string; body: unknown; author: string };

export const REVIEW_KIND = 'policy_approval';
const REVIEW_SLA_MINUTES = 24 * 60;

const digest = (body: unknown) => createHash('sha256').update(JSON.stringify(body)).digest('hex');
const labelOf = (kind: AnyPolicyKind, version: number) =>
  isSearchPolicyKind(kind) ? searchPolicyLabel(kind, version) : policyLabel(kind, version);

export async function isFourEyesOn(db: Db): Promise<boolean> {
  return getSetting(db, 'policy.four_eyes');
}

async function loadSubject(db: Db, kind: AnyPolicyKind, ref: { id?: string; version: number }): Promise<Subject> {
  if (isSearchPolicyKind(kind)) return getSearchPolicyVersion(db, kind, ref.version);
  return ref.id ? getPolicyVersion(db, ref.id) : getPolicyVersionByNumber(db, kind, ref.version);
}

/**
 * The console's Publish button. Four-eyes off: publishes. On: records an approval request and
 * refuses with FourEyesError naming the rule and the request (the request survives the refusal).
 */
export async function publishOrRequestApproval(db: Db, actor: Actor, input: Omit<PublishInput, 'actor'>) {
  if (!(await isFourEyesOn(db))) return publishPolicyVersion(db, { ...input, actor: actor.id });
  const target = await getPolicyVersion(db, input.id);
  const approval = await requestPolicyApproval(db, actor, { id: input.id, note: input.note ?? '' });
  throw new FourEyesError(
    `Four-eyes rule: ${policyLabel(target.kind, target.version)} cannot be published by ${
      target.author === actor.id ? 'its author' : 'one person'
    }; an approval request was created for another staff member with policy.publish`,
    { approvalId: approval.id },
  );
}

export type RollbackRequest = Omit<RollbackPolicyInput, 'actor' | 'kind'> & { kind: AnyPolicyKind; emergencyReason?: string };

/**
 * The console's Rollback button, for any policy kind. Four-eyes off: rolls back at once. On:
 * files a rollback approval request and refuses — unless an emergency reason is given, which
 * rolls back at once and is audited as `policy.rollback_emergency` (the caller holds
 * policy.publish, the permission rollback always needed).
 */
export async function rollbackOrRequestApproval(db: Db, actor: Actor, input: RollbackRequest) {
  const fourEyes = await isFourEyesOn(db);
  const reason = input.emergencyReason === undefined ? undefined : emergencyReason.parse(input.emergencyReason);
  const emergency = fourEyes && reason !== undefined;
  if (!fourEyes || emergency) {
    const note = emergency ? `EMERGENCY: ${reason}` : (input.note ?? '');
    if (isSearchPolicyKind(input.kind)) {
      const kind = input.kind;
      const row = await withTx(db, async (tx) => {
        const source = await getSearchPolicyVersion(tx, kind, input.toVersion);
        if (!source.publishedAt)
          throw new ConflictError(`v${source.version} was never published; publish it instead of rolling back to it`);
        return activateSearchVersionLocked(tx, {
          kind,
          version: input.toVersion,
          actor: actor.id,
          note,
          action: emergency ? 'policy.rollback_emergency' : 'policy.rollback',
        });
      });
      return row;
    }
    return rollbackPolicy(db, { kind: input.kind, toVersion: input.toVersion, note, actor: actor.id }, { emergency });
  }
  const approval = await withTx(db, async (tx) => {
    await lockKind(tx, input.kind);
    const source = await loadSubject(tx, input.kind, { version: input.toVersion });
    const everPublished = isSearchPolicyKind(input.kind) ? (source as { publishedAt?: Date | null }).publishedAt : source.status !== 'draft';
    if (!everPublished)
      throw new ConflictError(`v${source.version} was never published; publish it instead of rolling back to it`);
    return fileRequest(tx, actor, source, 'rollback', input.note ?? '');
  });
  throw new FourEyesError(
    `Four-eyes rule: rolling ${input.kind} back to v${input.toVersion} needs a second person with policy.publish; an approval request was created (or give an emergency reason)`,
    { approvalId: approval.id },
  );
}

/**
 * Activating a search version (ranking rules or synonyms) from the search pages or the
 * Policies page: the same gate as a policy publish (rollback when the version served before).
 */
export async function activateSearchOrRequestApproval(
  db: Db,
  actor: Actor,
  input: { kind: SearchPolicyKind; version: number; note?: string },
) {
  const target = await getSearchPolicyVersion(db, input.kind, input.version);
  const action: ApprovalAction = target.publishedAt ? 'rollback' : 'publish';
  if (!(await isFourEyesOn(db)))
    return withTx(db, (tx) =>
      activateSearchVersionLocked(tx, {
        kind: input.kind,
        version: input.version,
        actor: actor.id,
        note: input.note,
        action: action === 'rollback' ? 'policy.rollback' : 'policy.publish',
      }),
    );
  const approval = await withTx(db, async (tx) => {
    await lockKind(tx, input.kind);
    return fileRequest(tx, actor, await getSearchPolicyVersion(tx, input.kind, input.version), action, input.note ?? '');
  });
  throw new FourEyesError(
    `Four-eyes rule: ${searchPolicyLabel(input.kind, input.version)} is saved but cannot go live by one person; an approval request was created for another staff member with policy.publish`,
    { approvalId: approval.id, version: input.version },
  );
}

/** Asks for a second person to publish a draft. Idempotent while the draft is unchanged. */
export async function requestPolicyApproval(db: Db, actor: Actor, raw: RequestApprovalInput) {
  const input = requestApprovalInput.parse(raw);
  return withTx(db, async (tx) => {
    await tx.$queryRaw`SELECT 1 FROM policy_versions WHERE id = ${input.id} FOR UPDATE`;
    const version = await getPolicyVersion(tx, input.id);
    if (version.status !== 'draft')
      throw new ConflictError(`${policyLabel(version.kind, version.version)} is ${version.status}; only a draft needs approval`);
    return fileRequest(tx, actor, version, 'publish', input.note);
  });
}

/** Files (or returns the pending identical) request and mirrors it into the review queue. */
async function fileRequest(tx: Tx, actor: Actor, subject: Subject, action: ApprovalAction, note: string) {
  const bodyDigest = digest(subject.body);
  const pending = await tx.policyApproval.findFirst({
    where: { policyVersionId: subject.id, status: 'pending', action },
  });
  if (pending?.bodyDigest === bodyDigest) return pending;
  // The draft changed since the last request: that one no longer describes what would ship.
  if (pending) await supersede(tx, pending.id);
  const label = labelOf(subject.kind, subject.version);
  const row = await tx.policyApproval.create({
    data: {
      id: newId('pap'),
      policyVersionId: subject.id,
      kind: subject.kind,
      version: subject.version,
      bodyDigest,
      action,
      requestedBy: actor.id,
      note,
    },
  });
  await recordAudit(tx, {
    actor: actor.email,
    action: 'policy.approval_requested',
    entity: 'policy_version',
    entityId: subject.id,
    after: { approvalId: row.id, kind: subject.kind, version: subject.version, action },
    reason: note || `${label} submitted for ${action === 'rollback' ? 'rollback ' : ''}approval`,
  });
  await enqueueReview(tx, {
    kind: REVIEW_KIND,
    subjectId: row.id,
    reasons: [
      action === 'rollback' ? `Roll ${subject.kind} back to v${subject.version}` : `Publish ${label}`,
      ...(note ? [`Requester's note: ${note.slice(0, 250)}`] : []),
    ],
    summary: {
      policyKind: subject.kind,
      version: subject.version,
      action,
      label,
      requestedBy: actor.id,
      author: subject.author,
      // With four-eyes on, none of these may decide the item (reviews' decide checks it too).
      authors: [...new Set([actor.id, ...(action === 'publish' ? [subject.author] : [])])],
      link: `/console/policies?kind=${subject.kind}`,
    },
    slaMinutes: REVIEW_SLA_MINUTES,
  });
  return row;
}

async function supersede(tx: Tx, approvalId: string) {
  await tx.policyApproval.update({ where: { id: approvalId }, data: { status: 'superseded', decidedAt: new Date() } });
  await closeReviewForSubject(tx, REVIEW_KIND, approvalId, { status: 'expired' });
}

export async function approvePolicyApproval(db: Db, actor: Actor, raw: DecideApprovalInput) {
  const input = decideApprovalInput.parse(raw);
  const result = await withTx(db, async (tx) => {
    const { approval, subject } = await lockPending(tx, input.approvalId);
    const action = approval.action as ApprovalAction;
    const label = labelOf(subject.kind, subject.version);
    if (actor.id === approval.requestedBy || (action === 'publish' && actor.id === subject.author))
      throw new FourEyesError(
        `Four-eyes rule: you ${actor.id === approval.requestedBy ? 'requested' : 'authored'} ${label}, so someone else must approve it`,
        { approvalId: approval.id },
      );
    // Already live (published directly meanwhile, or a rollback target now serving): nothing to do.
    const stale = isSearchPolicyKind(subject.kind)
      ? subject.status === 'published'
      : action === 'publish'
        ? subject.status !== 'draft'
        : subject.status === 'draft';
    if (stale) {
      await supersede(tx, approval.id);
      return { approval: { ...approval, status: 'superseded' as const }, published: null, search: false };
    }
    if (digest(subject.body) !== approval.bodyDigest)
      throw new ConflictError('The draft changed after approval was requested; ask for approval again', {
        approvalId: approval.id,
      });
    const note = input.note || `approved request ${approval.id} by ${approval.requestedBy}`;
    const kind = subject.kind;
    const published = isSearchPolicyKind(kind)
      ? await activateSearchVersionLocked(tx, {
          kind,
          version: subject.version,
          actor: actor.id,
          note,
          action: action === 'rollback' ? 'policy.rollback' : 'policy.publish',
        })
      : action === 'rollback'
        ? await rollbackPolicy(tx, { kind: kind as PolicyKind, toVersion: subject.version, actor: actor.id, note })
        : await publishPolicyVersion(tx, { id: subject.id, actor: actor.id, note });
    const decided = await tx.policyApproval.update({
      where: { id: approval.id },
      data: { status: 'approved', decidedBy: actor.id, decisionNote: input.note, decidedAt: new Date() },
    });
    await recordAudit(tx, {
      actor: actor.email,
      action: 'policy.approve',
      entity: 'policy_version',
      entityId: subject.id,
      after: { approvalId: approval.id, kind, version: subject.version, action, requestedBy: approval.requestedBy },
      reason: input.note,
    });
    await closeReviewForSubject(tx, REVIEW_KIND, approval.id, { status: 'approved', decidedBy: actor.id, note: input.note });
    return { approval: decided, published, search: isSearchPolicyKind(kind) };
  });
  return { approval: result.approval, published: result.published };
}

export async function rejectPolicyApproval(db: Db, actor: Actor, raw: DecideApprovalInput) {
  const input = decideApprovalInput.parse(raw);
  return withTx(db, async (tx) => {
    const { approval, subject } = await lockPending(tx, input.approvalId);
    const decided = await tx.policyApproval.update({
      where: { id: approval.id },
      data: { status: 'rejected', decidedBy: actor.id, decisionNote: input.note, decidedAt: new Date() },
    });
    await recordAudit(tx, {
      actor: actor.email,
      action: 'policy.reject',
      entity: 'policy_version',
      entityId: subject.id,
      after: { approvalId: approval.id, kind: subject.kind, version: subject.version, action: approval.action },
      reason: input.note,
    });
    await closeReviewForSubject(tx, REVIEW_KIND, approval.id, { status: 'rejected', decidedBy: actor.id, note: input.note });
    return { approval: decided };
  });
}

/** Approval requests, pending first then newest, with the requester's and decider's emails. */
export async function listPolicyApprovals(db: Db, raw: ListApprovalsInput) {
  const input = listApprovalsInput.parse(raw);
  const rows = await db.policyApproval.findMany({
    where: input.status ? { status: input.status } : {},
    orderBy: [{ createdAt: 'desc' }],
    take: input.limit,
  });
  const ids = [...new Set(rows.flatMap((r) => [r.requestedBy, r.decidedBy]).filter((x): x is string => !!x))];
  const staff = await db.staff.findMany({ where: { id: { in: ids } }, select: { id: true, email: true } });
  const email = new Map(staff.map((s) => [s.id, s.email]));
  return rows
    .map((r) => ({
      ...r,
      requestedByEmail: email.get(r.requestedBy) ?? r.requestedBy,
      decidedByEmail: r.decidedBy ? (email.get(r.decidedBy) ?? r.decidedBy) : null,
    }))
    .sort((a, b) => Number(b.status === 'pending') - Number(a.status === 'pending'));
}

async function lockPending(tx: Tx, approvalId: string) {
  await tx.$queryRaw`SELECT 1 FROM policy_approvals WHERE id = ${approvalId} FOR UPDATE`;
  const approval = await tx.policyApproval.findUnique({ where: { id: approvalId } });
  if (!approval) throw new NotFoundError('approval request', approvalId);
  if (approval.status !== 'pending') throw new ConflictError(`This approval request is already ${approval.status}`);
  const kind = approval.kind as AnyPolicyKind;
  await lockKind(tx, kind);
  const subject = await loadSubject(tx, kind, {
    id: isSearchPolicyKind(kind) ? undefined : approval.policyVersionId,
    version: approval.version,
  });
  return { approval, subject };
}

async function lockKind(tx: Tx, kind: AnyPolicyKind) {
  await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext(${`policy-approval:${kind}`}))`;
}

