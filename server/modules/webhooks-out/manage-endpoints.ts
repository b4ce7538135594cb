// Webhook endpoints: a merchant system's URL, the events it wants, and a signing secret
// (Standard Webhooks `whsec_…`) that is returned once, at creation or rotation. The secret is
// stored encrypted with the PII key ring (ADR 027) and decrypted only to sign a delivery.
import { randomBytes } from 'node:crypto';
import { withTx, type Db } from '@/server/db/client';
import { NotFoundError } from '@/server/errors';
import { encryptField } from '@/server/lib/field-crypto';
import { newId } from '@/server/lib/ids';
import { recordAudit } from '@/server/modules/audit/record-audit';
import { createEndpointInput, type CreateEndpointInput } from './webhooks.schema';

export type EndpointView = {
  id: string;
  url: string;
  eventTypes: string[];
  description: string;
  active: boolean;
  createdBy: string;
  createdAt: Date;
  secretRotatedAt: Date | null;
  /** Until then deliveries carry a signature with the previous secret too. */
  previousSecretExpiresAt: Date | null;
};

const view = {
  id: true,
  url: true,
  eventTypes: true,
  description: true,
  active: true,
  createdBy: true,
  createdAt: true,
  secretRotatedAt: true,
  previousSecretExpiresAt: true,
} as const;

const newSecret = () => `whsec_${randomBytes(32).toString('base64')}`;

/** How long the previous secret keeps signing after a rotation (WEBHOOK_SECRET_GRACE_HOURS, default 24). */
export const secretGraceMs = () => Math.max(0, Number(process.env.WEBHOOK_SECRET_GRACE_HOURS ?? 24)) * 3_600_000;

export async function createEndpoint(db: Db, raw: CreateEndpointInput, actor: string): Promise<{ endpoint: EndpointView; secret: string }> {
  const input = createEndpointInput.parse(raw);
  const secret = newSecret();
  const endpoint = await db.webhookEndpoint.create({
    data: { id: newId('whe'), url: input.url, secret: encryptField(secret), eventTypes: [...new Set(input.eventTypes)], description: input.description, createdBy: actor },
    select: view,
  });
  return { endpoint, secret };
}

export async function listEndpoints(db: Db): Promise<EndpointView[]> {
  return db.webhookEndpoint.findMany({ orderBy: { createdAt: 'desc' }, select: view });
}

export async function setEndpointActive(db: Db, id: string, active: boolean): Promise<EndpointView> {
  const found = await db.webhookEndpoint.findUnique({ where: { id }, select: { id: true } });
  if (!found) throw new NotFoundError('webhook endpoint', id);
  return db.webhookEndpoint.update({ where: { id }, data: { active, disabledAt: active ? null : new Date() }, select: view });
}

/**
 * A new signing secret, returned once. The old one keeps signing beside it (Standard Webhooks
 * sends several signatures, space-separated) for the grace period, so the receiver can switch
 * without rejecting a delivery; rotating again ends the previous grace at once.
 */
export async function rotateEndpointSecret(db: Db, id: string, actor: string, now = new Date()): Promise<{ endpoint: EndpointView; secret: string }> {
  const secret = newSecret();
  const endpoint = await withTx(db, async (tx) => {
    const rows = await tx.$queryRaw<{ secret: string }[]>`SELECT secret FROM webhook_endpoints WHERE id = ${id} FOR UPDATE`;
    if (!rows[0]) throw new NotFoundError('webhook endpoint', id);
    const updated = await tx.webhookEndpoint.update({
      where: { id },
      data: {
        secret: encryptField(secret),
        previousSecret: rows[0].secret,
        previousSecretExpiresAt: new Date(now.getTime() + secretGraceMs()),
        secretRotatedAt: now,
      },
      select: view,
    });
    // Audited without the secret, in either form.
    await recordAudit(tx, {
      actor,
      action: 'webhooks.secret.rotate',
      entity: 'webhook_endpoint',
      entityId: id,
      after: { url: updated.url, previousSecretExpiresAt: updated.previousSecretExpiresAt?.toISOString() ?? null },
    });
    return updated;
  });
  return { endpoint, secret };
}
