import { createHash } from 'node:crypto';
import type { Db } from '@/server/db/client';
import { hotExecute, hotSql } from '@/server/db/hot-sql';
import type { Prisma } from '@/server/db/generated/client';
import { ConflictError } from '@/server/errors';
import { decryptField, encryptField } from '@/server/lib/field-crypto';

/** Stable JSON (sorted keys), so the same body always hashes the same. */
function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  if (value && typeof value === 'object') {
    return `{${Object.keys(value)
      .filter((k) => (value as Record<string, unknown>)[k] !== undefined)
      .sort()
      .map((k) => `${JSON.stringify(k)}:${canonical((value as Record<string, unknown>)[k])}`)
      .join(',')}}`;
  }
  return JSON.stringify(value);
}

export function hashBody(body: unknown): string {
  return createHash('sha256').update(canonical(body)).digest('hex');
}

export class IdempotencyKeyReusedError extends ConflictError {
  constructor(key: string) {
    super(`Idempotency-Key ${key} was already used with a different request body`, { reason: 'idempotency_key_reused', field: 'Idempotency-Key' });
  }
}

export class IdempotencyInProgressError extends ConflictError {
  constructor(key: string) {
    super(`A request with Idempotency-Key ${key} is still being processed; retry shortly`, { reason: 'idempotency_in_progress', field: 'Idempotency-Key' });
  }
}

export type Claim<R> = { kind: 'claimed' } | { kind: 'replay'; result: R };

/**
 * A claim still in progress after this long belongs to a request that died (a crash between
 * claiming and finishing): every placement gives up well within it (transaction waits ≤ 50 s,
 * provider calls ≤ ~60 s with retries). Whatever that request left is already handled: its
 * pending order expires with its reservation (any authorisation voided), and a confirmed
 * order completes its key in the confirming statement itself, so it is never "in progress".
 */
export const ABANDONED_CLAIM_MS = 5 * 60_000;

/**
 * The unique insert comes first: of concurrent requests with one key exactly one inserts
 * the row and proceeds; the others see it and get the stored result (same body, finished),
 * a 409 (same body, still running) or a 409 (another body). A claim abandoned for
 * ABANDONED_CLAIM_MS is taken over by the next request with the same body.
 */
export async function claimKey<R>(db: Db, scope: string, key: string, requestHash: string): Promise<Claim<R>> {
  const inserted = await hotExecute(db, hotSql`
    INSERT INTO idempotency_keys (scope, key, request_hash, status, created_at)
    VALUES (${scope}::text, ${key}::text, ${requestHash}::text, 'in_progress', now())
    ON CONFLICT (scope, key) DO NOTHING`);
  if (inserted === 1) return { kind: 'claimed' };
  const row = await db.idempotencyKey.findUnique({ where: { scope_key: { scope, key } } });
  if (!row) return claimKey(db, scope, key, requestHash); // dropped in between: try again
  if (row.requestHash !== requestHash) throw new IdempotencyKeyReusedError(key);
  if (row.status !== 'completed') {
    if (Date.now() - row.createdAt.getTime() < ABANDONED_CLAIM_MS) throw new IdempotencyInProgressError(key);
    // Abandoned: a retry takes the key over instead of a 409 until retention deletes it.
    // Conditional on the claim time it read, so of racing retries exactly one wins.
    const taken = await db.idempotencyKey.updateMany({
      where: { scope, key, status: 'in_progress', createdAt: row.createdAt },
      data: { createdAt: new Date() },
    });
    if (taken.count === 1) return { kind: 'claimed' };
    throw new IdempotencyInProgressError(key);
  }
  return { kind: 'replay', result: openResult<R>(row.result) };
}

/**
 * The stored first answer holds the order's email and addresses, so it is kept sealed with the
 * field key ring like the order itself (ADR 027); rows written before are read as they are.
 */
export const sealResult = (result: unknown) => ({ sealed: encryptField(JSON.stringify(result)) });

function openResult<R>(stored: unknown): R {
  const sealed = stored && typeof stored === 'object' ? (stored as { sealed?: unknown }).sealed : undefined;
  return (typeof sealed === 'string' ? JSON.parse(decryptField(sealed)) : stored) as R;
}

export async function completeKey(db: Db, scope: string, key: string, orderId: string, result: unknown): Promise<void> {
  await db.idempotencyKey.update({
    where: { scope_key: { scope, key } },
    data: { status: 'completed', orderId, result: sealResult(result) as Prisma.InputJsonValue, completedAt: new Date() },
  });
}

/** The request failed before anything lasting happened: the key may be used again. */
export async function dropKey(db: Db, scope: string, key: string): Promise<void> {
  await hotExecute(db, hotSql`DELETE FROM idempotency_keys WHERE scope = ${scope}::text AND key = ${key}::text AND status = 'in_progress'`);
}
