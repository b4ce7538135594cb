// Webhook endpoints: a merchant system's URL, the events it wants, and a signing secret
// (Standard Webhooks `whsec_…`) that is returned once, at creation.
import { randomBytes } from 'node:crypto';
import type { Db } from '@/server/db/client';
import { NotFoundError } from '@/server/errors';
import { newId } from '@/server/lib/ids';
import { createEndpointInput, type CreateEndpointInput } from './webhooks.schema';

export type EndpointView = { id: string; url: string; eventTypes: string[]; description: string; active: boolean; createdBy: string; createdAt: Date };

const view = { id: true, url: true, eventTypes: true, description: true, active: true, createdBy: true, createdAt: true } as const;

export async function createEndpoint(db: Db, raw: CreateEndpointInput, actor: string): Promise<{ endpoint: EndpointView; secret: string }> {
  const input = createEndpointInput.parse(raw);
  const secret = `whsec_${randomBytes(32).toString('base64')}`;
  const endpoint = await db.webhookEndpoint.create({
    data: { id: newId('whe'), url: input.url, secret, eventTypes: [...new Set(input.eventTypes)], description: input.description, createdBy: actor },
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
