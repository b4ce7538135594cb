// API keys for systems calling REST v1: a name and a set of permissions (never more than the
// creator holds), a secret shown once (`lk_live_…`), stored as its SHA-256 with a visible
// prefix. Revoked keys stop working at once and stay listed for the record.
import { createHash, randomBytes } from 'node:crypto';
import { withTx, type Db } from '@/server/db/client';
import { ConflictError, NotFoundError } from '@/server/errors';
import { newId } from '@/server/lib/ids';
import { recordAudit } from '@/server/modules/audit/record-audit';
import { isPermission, type Permission, type StaffPrincipal } from './permissions';
import { API_KEY_PATTERN, apiKeyIdInput, createApiKeyInput, type CreateApiKeyInput } from './api-keys.schema';
import { assertWithin } from './team-access';

const sha256 = (s: string) => createHash('sha256').update(s).digest('hex');
/** Key use is audited at most once per key per minute; last-used time is kept on every call. */
export const KEY_USE_AUDIT_INTERVAL_MS = 60_000;

export async function createApiKey(db: Db, actor: StaffPrincipal, raw: CreateApiKeyInput) {
  const input = createApiKeyInput.parse(raw);
  assertWithin(actor, input.permissions);
  const secret = `lk_live_${randomBytes(32).toString('base64url')}`;
  const prefix = secret.slice(0, 16);
  const id = newId('key');
  await withTx(db, async (tx) => {
    await tx.apiKey.create({
      data: { id, name: input.name, prefix, secretHash: sha256(secret), permissions: input.permissions, createdBy: actor.id },
    });
    await recordAudit(tx, {
      actor: actor.email,
      action: 'apikey.create',
      entity: 'api_key',
      entityId: id,
      after: { name: input.name, prefix, permissions: input.permissions },
    });
  });
  // The only time the secret leaves the server.
  return { id, name: input.name, prefix, permissions: input.permissions, secret };
}

export async function listApiKeys(db: Db) {
  return db.apiKey.findMany({
    orderBy: [{ revokedAt: { sort: 'desc', nulls: 'first' } }, { createdAt: 'desc' }],
    take: 200,
    select: {
      id: true,
      name: true,
      prefix: true,
      permissions: true,
      createdBy: true,
      createdAt: true,
      revokedAt: true,
      lastUsedAt: true,
    },
  });
}

export async function revokeApiKey(db: Db, actor: StaffPrincipal, raw: { id: string }) {
  const input = apiKeyIdInput.parse(raw);
  return withTx(db, async (tx) => {
    const rows = await tx.apiKey.updateManyAndReturn({
      where: { id: input.id, revokedAt: null },
      data: { revokedAt: new Date(), revokedBy: actor.id },
    });
    if (!rows[0]) {
      if (await tx.apiKey.count({ where: { id: input.id } })) throw new ConflictError('That key is already revoked');
      throw new NotFoundError('API key', input.id);
    }
    await recordAudit(tx, {
      actor: actor.email,
      action: 'apikey.revoke',
      entity: 'api_key',
      entityId: input.id,
      before: { name: rows[0].name, prefix: rows[0].prefix },
    });
    return { id: input.id, revokedAt: rows[0].revokedAt };
  });
}

/**
 * The principal behind a bearer secret, or null when unknown or revoked. Records the use:
 * last-used time always, an audit row at most once per key per minute (KEY_USE_AUDIT_INTERVAL_MS).
 */
export async function resolveApiKey(
  db: Db,
  secret: string,
  use: { route: string; permission: Permission; ip?: string },
  now = new Date(),
): Promise<(StaffPrincipal & { apiKeyId: string }) | null> {
  if (!API_KEY_PATTERN.test(secret)) return null;
  const key = await db.apiKey.findUnique({
    where: { secretHash: sha256(secret) },
    select: { id: true, name: true, prefix: true, permissions: true, revokedAt: true },
  });
  if (!key || key.revokedAt) return null;
  await db.apiKey.update({ where: { id: key.id }, data: { lastUsedAt: now } });
  const claimed = await db.apiKey.updateMany({
    where: {
      id: key.id,
      OR: [{ lastAuditedAt: null }, { lastAuditedAt: { lte: new Date(now.getTime() - KEY_USE_AUDIT_INTERVAL_MS) } }],
    },
    data: { lastAuditedAt: now },
  });
  if (claimed.count === 1)
    await recordAudit(db, {
      actor: `api-key:${key.prefix}`,
      action: 'apikey.use',
      entity: 'api_key',
      entityId: key.id,
      after: { route: use.route, permission: use.permission, ip: use.ip ?? null },
    });
  return {
    id: key.id,
    apiKeyId: key.id,
    email: `api-key:${key.prefix}`,
    permissions: key.permissions.filter(isPermission),
  };
}
