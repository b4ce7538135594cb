// Data subject requests: create (console or REST), then the run-privacy-request function
// drives start → one step per table → finish, recording progress on the row. The row names
// the subject by identity token; the email and the ids resolved from it live on the row only
// encrypted and only until the job ends (ADR 020). Audit rows carry the token, never the email.
import { privacyRequestCreated } from '@/inngest/events';
import { send } from '@/inngest/send';
import { withTx, type Db } from '@/server/db/client';
import type { Prisma } from '@/server/db/generated/client';
import { ConflictError, NotFoundError } from '@/server/errors';
import { decryptField, encryptField } from '@/server/lib/field-crypto';
import { currentTokenKeyId, identityToken } from '@/server/lib/identity-token';
import { newId } from '@/server/lib/ids';
import { recordAudit } from '@/server/modules/audit/record-audit';
import { redactText } from '@/server/observability/redact';
import { ERASE_STEPS } from './erase-steps';
import { EXPORT_STEPS } from './export-steps';
import {
  createPrivacyRequestInput,
  type CreatePrivacyRequestInput,
  type PrivacyProgress,
  type PrivacyRequestType,
} from './privacy.schema';
import { openSubject, resolveSubject, sealSubject, type Subject } from './subject';

/** How long an export bundle can be downloaded. */
export const BUNDLE_TTL_MS = 7 * 86_400_000;

export type Requester = { id: string; email: string } | { id: 'api'; email: 'api' };

const stepsOf = (type: PrivacyRequestType) => (type === 'export' ? EXPORT_STEPS : ERASE_STEPS);

export type PrivacyRequestView = {
  id: string;
  type: PrivacyRequestType;
  subjectToken: string;
  status: string;
  stepsDone: number;
  stepsTotal: number;
  progress: PrivacyProgress[];
  result: Record<string, number> | null;
  bundleAvailable: boolean;
  bundleExpiresAt: string | null;
  note: string;
  error: string | null;
  requestedBy: string;
  source: string;
  createdAt: string;
  startedAt: string | null;
  completedAt: string | null;
};

const viewSelect = {
  id: true,
  type: true,
  subjectToken: true,
  status: true,
  stepsDone: true,
  stepsTotal: true,
  progress: true,
  result: true,
  bundleEnc: true,
  bundleExpiresAt: true,
  note: true,
  error: true,
  requestedBy: true,
  source: true,
  createdAt: true,
  startedAt: true,
  completedAt: true,
} satisfies Prisma.PrivacyRequestSelect;

function toView(r: Prisma.PrivacyRequestGetPayload<{ select: typeof viewSelect }>, now = Date.now()): PrivacyRequestView {
  return {
    id: r.id,
    type: r.type as PrivacyRequestType,
    subjectToken: r.subjectToken,
    status: r.status,
    stepsDone: r.stepsDone,
    stepsTotal: r.stepsTotal,
    progress: r.progress as PrivacyProgress[],
    result: (r.result ?? null) as Record<string, number> | null,
    bundleAvailable: Boolean(r.bundleEnc) && r.status === 'completed' && (!r.bundleExpiresAt || r.bundleExpiresAt.getTime() > now),
    bundleExpiresAt: r.bundleExpiresAt?.toISOString() ?? null,
    note: r.note,
    error: r.error,
    requestedBy: r.requestedBy,
    source: r.source,
    createdAt: r.createdAt.toISOString(),
    startedAt: r.startedAt?.toISOString() ?? null,
    completedAt: r.completedAt?.toISOString() ?? null,
  };
}

export type CreateDeps = { publish?: (requestId: string) => Promise<unknown> };

const publishCreated = (requestId: string) => send(privacyRequestCreated.create({ requestId }, { id: `privacy-request-${requestId}` }));

/**
 * Records a request and starts its job. A second request of the same type for the same
 * subject while one is queued or running returns the first (a double click is one request).
 */
export async function createPrivacyRequest(
  db: Db,
  requester: Requester,
  raw: CreatePrivacyRequestInput,
  opts: CreateDeps & { source?: 'console' | 'api' } = {},
): Promise<{ request: PrivacyRequestView; created: boolean }> {
  const input = createPrivacyRequestInput.parse(raw);
  const subjectToken = identityToken('email', input.email);
  const steps = stepsOf(input.type);
  const { row, created } = await withTx(db, async (tx) => {
    const open = await tx.privacyRequest.findFirst({
      where: { subjectToken, type: input.type, status: { in: ['queued', 'running'] } },
      select: viewSelect,
    });
    if (open) return { row: open, created: false };
    const id = newId('prq');
    const progress: PrivacyProgress[] = steps.map((s) => ({ step: s.key, label: s.label, status: 'pending', rows: null }));
    const row = await tx.privacyRequest.create({
      data: {
        id,
        type: input.type,
        subjectToken,
        tokenKeyId: currentTokenKeyId(),
        subjectEnc: encryptField(JSON.stringify({ email: input.email })),
        progress,
        stepsTotal: steps.length,
        note: input.note,
        requestedBy: requester.id,
        source: opts.source ?? 'console',
      },
      select: viewSelect,
    });
    await recordAudit(tx, {
      actor: requester.email,
      action: `privacy.${input.type}.requested`,
      entity: 'privacy_request',
      entityId: id,
      after: { type: input.type, subjectToken, source: opts.source ?? 'console' },
      reason: input.note,
    });
    return { row, created: true };
  });
  if (created) await (opts.publish ?? publishCreated)(row.id);
  return { request: toView(row), created };
}

async function loadRow(db: Db, requestId: string) {
  const row = await db.privacyRequest.findUnique({ where: { id: requestId } });
  if (!row) throw new NotFoundError('privacy request', requestId);
  return row;
}

/**
 * First step of the job: resolves the subject from the email and seals it on the row, so
 * later steps (and retries after erasure removed the rows it came from) see the same subject.
 */
export async function startPrivacyRequest(db: Db, requestId: string): Promise<{ type: PrivacyRequestType; steps: string[] }> {
  const row = await loadRow(db, requestId);
  const type = row.type as PrivacyRequestType;
  const steps = stepsOf(type).map((s) => s.key);
  if (row.status === 'completed' || row.status === 'failed') return { type, steps: [] };
  if (!row.subjectEnc) throw new ConflictError(`privacy request ${requestId} has no subject left to process`);
  const sealed = JSON.parse(decryptField(row.subjectEnc)) as Partial<Subject> & { email: string };
  const subject = sealed.orderIds ? (sealed as Subject) : await resolveSubject(db, sealed.email);
  await db.privacyRequest.update({
    where: { id: requestId },
    data: { status: 'running', startedAt: row.startedAt ?? new Date(), subjectEnc: sealSubject(subject) },
  });
  return { type, steps };
}

function setProgress(progress: PrivacyProgress[], key: string, patch: Partial<PrivacyProgress>): PrivacyProgress[] {
  return progress.map((p) => (p.step === key ? { ...p, ...patch } : p));
}

/** One table step: erases (or collects) and records the row count, in one transaction. */
export async function runPrivacyStep(db: Db, requestId: string, key: string): Promise<{ step: string; rows: number }> {
  return withTx(db, async (tx) => {
    const row = await tx.privacyRequest.findUnique({ where: { id: requestId } });
    if (!row) throw new NotFoundError('privacy request', requestId);
    const progress = row.progress as PrivacyProgress[];
    const done = progress.find((p) => p.step === key);
    if (done?.status === 'done') return { step: key, rows: done.rows ?? 0 };
    if (!row.subjectEnc) throw new ConflictError(`privacy request ${requestId} has no subject left to process`);
    const subject = openSubject(row.subjectEnc);
    let rows: number;
    let bundleEnc = row.bundleEnc;
    if (row.type === 'export') {
      const step = EXPORT_STEPS.find((s) => s.key === key);
      if (!step) throw new NotFoundError('export step', key);
      const section = await step.collect(tx, subject);
      rows = Array.isArray(section) ? section.length : Object.keys(section).length;
      const bundle = bundleEnc ? (JSON.parse(decryptField(bundleEnc)) as Record<string, unknown>) : {};
      bundle[key.replace(/^export-/, '')] = section;
      bundleEnc = encryptField(JSON.stringify(bundle, bigintSafe));
    } else {
      const step = ERASE_STEPS.find((s) => s.key === key);
      if (!step) throw new NotFoundError('erase step', key);
      rows = await step.run(tx, subject);
    }
    await tx.privacyRequest.update({
      where: { id: requestId },
      data: { progress: setProgress(progress, key, { status: 'done', rows }), stepsDone: { increment: 1 }, bundleEnc },
    });
    return { step: key, rows };
  });
}

const bigintSafe = (_k: string, v: unknown) => (typeof v === 'bigint' ? Number(v) : v);

/** Last step: counts recorded, the sealed subject dropped, the outcome audited (token only). */
export async function finishPrivacyRequest(db: Db, requestId: string, now = new Date()): Promise<PrivacyRequestView> {
  return withTx(db, async (tx) => {
    const row = await tx.privacyRequest.findUnique({ where: { id: requestId } });
    if (!row) throw new NotFoundError('privacy request', requestId);
    if (row.status !== 'completed') {
      const result = Object.fromEntries((row.progress as PrivacyProgress[]).map((p) => [p.step, p.rows ?? 0]));
      await tx.privacyRequest.update({
        where: { id: requestId },
        data: {
          status: 'completed',
          completedAt: now,
          result,
          subjectEnc: null,
          bundleExpiresAt: row.type === 'export' ? new Date(now.getTime() + BUNDLE_TTL_MS) : null,
        },
      });
      if (row.type === 'erase') {
        // Earlier exports of the same person are personal data too.
        await tx.privacyRequest.updateMany({
          where: { subjectToken: row.subjectToken, type: 'export', bundleEnc: { not: null } },
          data: { bundleEnc: null },
        });
      }
      await recordAudit(tx, {
        actor: 'system',
        action: `privacy.${row.type}.completed`,
        entity: 'privacy_request',
        entityId: requestId,
        after: { type: row.type, subjectToken: row.subjectToken, rows: result },
      });
    }
    return toView(await tx.privacyRequest.findUniqueOrThrow({ where: { id: requestId }, select: viewSelect }));
  });
}

/** The job gave up: the request says why, and the sealed subject is not kept. */
export async function failPrivacyRequest(db: Db, requestId: string, message: string): Promise<void> {
  await withTx(db, async (tx) => {
    const row = await tx.privacyRequest.findUnique({ where: { id: requestId }, select: { status: true, type: true, subjectToken: true } });
    if (!row || row.status === 'completed') return;
    await tx.privacyRequest.update({
      where: { id: requestId },
      data: { status: 'failed', error: redactText(message).slice(0, 500), subjectEnc: null, completedAt: new Date() },
    });
    await recordAudit(tx, {
      actor: 'system',
      action: `privacy.${row.type}.failed`,
      entity: 'privacy_request',
      entityId: requestId,
      after: { subjectToken: row.subjectToken },
      reason: redactText(message).slice(0, 200),
    });
  });
}

export async function getPrivacyRequest(db: Db, requestId: string): Promise<PrivacyRequestView> {
  const row = await db.privacyRequest.findUnique({ where: { id: requestId }, select: viewSelect });
  if (!row) throw new NotFoundError('privacy request', requestId);
  return toView(row);
}

export async function listPrivacyRequests(db: Db, opts: { limit: number }): Promise<PrivacyRequestView[]> {
  const rows = await db.privacyRequest.findMany({ select: viewSelect, orderBy: { id: 'desc' }, take: opts.limit });
  return rows.map((r) => toView(r));
}

/** The decrypted export bundle of a completed, unexpired export request. */
export async function readExportBundle(db: Db, requestId: string, now = Date.now()): Promise<Record<string, unknown>> {
  const row = await loadRow(db, requestId);
  if (row.type !== 'export') throw new ConflictError(`privacy request ${requestId} is not an export`);
  if (row.status !== 'completed') throw new ConflictError(`export ${requestId} is ${row.status}, not ready yet`);
  if (!row.bundleEnc || (row.bundleExpiresAt && row.bundleExpiresAt.getTime() <= now)) {
    throw new ConflictError(`the bundle of export ${requestId} has expired or was erased; request a new export`);
  }
  return {
    requestId: row.id,
    subjectToken: row.subjectToken,
    generatedAt: row.completedAt?.toISOString() ?? null,
    ...(JSON.parse(decryptField(row.bundleEnc)) as Record<string, unknown>),
  };
}
