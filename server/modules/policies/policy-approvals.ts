// Four-eyes publishing (ADR 017). With the `policy.four_eyes` setting on, no one publishes a
// policy draft directly: a publish attempt is refused (409, rule "four_eyes") and turned into
// an approval request; another staff member with policy.publish — neither the requester nor
// the draft's author — approves it (the version is published) or rejects it (it stays a draft).
// The request pins the draft's body by digest, so what is approved is what was asked for.
import { createHash } from 'node:crypto';
import { withTx, type Db } from '@/server/db/client';
import { ConflictError, DomainError, NotFoundError } from '@/server/errors';
import { newId } from '@/server/lib/ids';
import { recordAudit } from '@/server/modules/audit/record-audit';
import { getSetting } from '@/server/modules/settings/settings';
import {
  decideApprovalInput,
  listApprovalsInput,
  requestApprovalInput,
  type DecideApprovalInput,
  type ListApprovalsInput,
  type RequestApprovalInput,
} from './policy-approvals.schema';
import { getPolicyVersion, policyLabel, publishPolicyVersion, type PolicyVersionRow } from './policy-versions';
import type { PublishInput } from './policies.schema';

type Actor = { id: string; email: string };

export class FourEyesError extends DomainError {
  constructor(message: string, details: Record<string, unknown> = {}) {
    super('CONFLICT', message, { rule: 'four_eyes', ...details });
  }
}

const digest = (body: unknown) => createHash('sha256').update(JSON.stringify(body)).digest('hex');

export async function isFourEyesOn(db: Db): Promise<boolean> {
  return getSetting(db, 'policy.four_eyes');
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

/** Asks for a second person to publish a draft. Idempotent while the draft is unchanged. */
export async function requestPolicyApproval(db: Db, actor: Actor, raw: RequestApprovalInput) {
  const input = requestApprovalInput.parse(raw);
  return withTx(db, async (tx) => {
    await tx.$queryRaw`SELECT 1 FROM policy_versions WHERE id = ${input.id} FOR UPDATE`;
    const version = await getPolicyVersion(tx, input.id);
    if (version.status !== 'draft')
      throw new ConflictError(`${policyLabel(version.kind, version.version)} is ${version.status}; only a draft needs approval`);
    const bodyDigest = digest(version.body);
    const pending = await tx.policyApproval.findFirst({ where: { policyVersionId: version.id, status: 'pending' } });
    if (pending?.bodyDigest === bodyDigest) return pending;
    // The draft changed since the last request: that one no longer describes what would ship.
    if (pending) await tx.policyApproval.update({ where: { id: pending.id }, data: { status: 'superseded', decidedAt: new Date() } });
    const row = await tx.policyApproval.create({
      data: {
        id: newId('pap'),
        policyVersionId: version.id,
        kind: version.kind,
        version: version.version,
        bodyDigest,
        requestedBy: actor.id,
        note: input.note,
      },
    });
    await recordAudit(tx, {
      actor: actor.email,
      action: 'policy.approval_requested',
      entity: 'policy_version',
      entityId: version.id,
      after: { approvalId: row.id, kind: version.kind, version: version.version },
      reason: input.note || `${policyLabel(version.kind, version.version)} submitted for approval`,
    });
    return row;
  });
}

export async function approvePolicyApproval(db: Db, actor: Actor, raw: DecideApprovalInput) {
  const input = decideApprovalInput.parse(raw);
  return withTx(db, async (tx) => {
    const { approval, version } = await lockPending(tx, input.approvalId);
    if (actor.id === approval.requestedBy || actor.id === version.author)
      throw new FourEyesError(
        `Four-eyes rule: you ${actor.id === version.author ? 'authored' : 'requested'} ${policyLabel(version.kind, version.version)}, so someone else must approve it`,
        { approvalId: approval.id },
      );
    if (version.status !== 'draft') {
      await tx.policyApproval.update({ where: { id: approval.id }, data: { status: 'superseded', decidedAt: new Date() } });
      return { approval: { ...approval, status: 'superseded' as const }, published: null };
    }
    if (digest(version.body) !== approval.bodyDigest)
      throw new ConflictError('The draft changed after approval was requested; ask for approval again', {
        approvalId: approval.id,
      });
    const published = await publishPolicyVersion(tx, {
      id: version.id,
      actor: actor.id,
      note: input.note || `approved request ${approval.id} by ${approval.requestedBy}`,
    });
    const decided = await tx.policyApproval.update({
      where: { id: approval.id },
      data: { status: 'approved', decidedBy: actor.id, decisionNote: input.note, decidedAt: new Date() },
    });
    await recordAudit(tx, {
      actor: actor.email,
      action: 'policy.approve',
      entity: 'policy_version',
      entityId: version.id,
      after: { approvalId: approval.id, kind: version.kind, version: version.version, requestedBy: approval.requestedBy },
      reason: input.note,
    });
    return { approval: decided, published };
  });
}

export async function rejectPolicyApproval(db: Db, actor: Actor, raw: DecideApprovalInput) {
  const input = decideApprovalInput.parse(raw);
  return withTx(db, async (tx) => {
    const { approval, version } = await lockPending(tx, input.approvalId);
    const decided = await tx.policyApproval.update({
      where: { id: approval.id },
      data: { status: 'rejected', decidedBy: actor.id, decisionNote: input.note, decidedAt: new Date() },
    });
    await recordAudit(tx, {
      actor: actor.email,
      action: 'policy.reject',
      entity: 'policy_version',
      entityId: version.id,
      after: { approvalId: approval.id, kind: version.kind, version: version.version },
      reason: input.note,
    });
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

async function lockPending(tx: Parameters<Parameters<typeof withTx>[1]>[0], approvalId: string) {
  await tx.$queryRaw`SELECT 1 FROM policy_approvals WHERE id = ${approvalId} FOR UPDATE`;
  const approval = await tx.policyApproval.findUnique({ where: { id: approvalId } });
  if (!approval) throw new NotFoundError('approval request', approvalId);
  if (approval.status !== 'pending') throw new ConflictError(`This approval request is already ${approval.status}`);
  const version: PolicyVersionRow = await getPolicyVersion(tx, approval.policyVersionId);
  return { approval, version };
}
