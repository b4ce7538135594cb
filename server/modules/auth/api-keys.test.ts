// API keys against a real HTTP server: the REST doors (restGet/restPost) accept
// `Authorization: Bearer lk_live_…` with the permission (200), without it 403, revoked or
// unknown 401; use is recorded (last-used time; one audit row per key per minute).
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { restGet, restPost } from '@/server/api/rest';
import { useTestDatabase } from '@/server/db/testing';
import { createApiKey, listApiKeys, revokeApiKey } from './api-keys';
import { staffMember } from './team-fixtures';

const getDb = useTestDatabase();
let server: Server;
let base = '';

beforeAll(async () => {
  const db = () => getDb().prisma;
  const routes: Record<string, (req: Request) => Promise<Response>> = {
    'GET /api/v1/decisions/x': (req) =>
      restGet(z.object({}), async (ctx) => ({ caller: ctx.staff?.email }), { permission: 'model.read', db: db(), route: '/api/v1/decisions/[id]' })(req),
    'POST /api/v1/catalog/import': (req) =>
      restPost(z.object({ rows: z.array(z.object({ sku: z.string().min(1) })) }), async (ctx, input) => ({ accepted: input.rows.length, caller: ctx.staff.email }), {
        permission: 'catalog.write',
        db: db(),
        status: 202,
      })(req),
  };
  server = createServer(async (req, res) => {
    const chunks: Buffer[] = [];
    for await (const c of req) chunks.push(c as Buffer);
    const route = routes[`${req.method} ${req.url}`];
    if (!route) return void res.writeHead(404).end();
    const headers = new Headers();
    for (const [k, v] of Object.entries(req.headers)) if (typeof v === 'string') headers.set(k, v);
    const response = await route(
      new Request(`http://127.0.0.1${req.url}`, { method: req.method, headers, body: req.method === 'POST' ? Buffer.concat(chunks) : undefined }),
    );
    res.writeHead(response.status, Object.fromEntries(response.headers));
    res.end(Buffer.from(await response.arrayBuffer()));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

const get = (key?: string) =>
  fetch(`${base}/api/v1/decisions/x`, { headers: key ? { authorization: `Bearer ${key}`, 'x-forwarded-for': '10.1.1.1' } : {} });
const post = (key: string, body: string) =>
  fetch(`${base}/api/v1/catalog/import`, { method: 'POST', headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' }, body });

describe('API keys over HTTP', () => {
  it('pass with the permission, 403 without, 401 unknown or revoked; the secret is shown once and stored hashed', async () => {
    const db = getDb().prisma;
    const owner = await staffMember(db, 'owner');
    const reader = await createApiKey(db, owner, { name: 'BI export', permissions: ['model.read'] });
    const writer = await createApiKey(db, owner, { name: 'PIM sync', permissions: ['catalog.write'] });
    expect(reader.secret).toMatch(/^lk_live_[A-Za-z0-9_-]{43}$/);
    expect(reader.secret.startsWith(reader.prefix)).toBe(true);
    expect(await db.apiKey.count({ where: { OR: [{ secretHash: reader.secret }, { prefix: reader.secret }] } })).toBe(0);
    expect(JSON.stringify(await listApiKeys(db))).not.toContain(reader.secret);

    expect((await get()).status).toBe(401);
    const ok = await get(reader.secret);
    expect(ok.status).toBe(200);
    expect(await ok.json()).toEqual({ caller: `api-key:${reader.prefix}` });
    expect((await get(writer.secret)).status).toBe(403);
    expect((await get(`lk_live_${'A'.repeat(43)}`)).status).toBe(401);
    expect((await get('not-a-key')).status).toBe(401);

    const created = await post(writer.secret, JSON.stringify({ rows: [{ sku: 'A-1' }, { sku: 'B-2' }] }));
    expect(created.status).toBe(202);
    expect(await created.json()).toEqual({ accepted: 2, caller: `api-key:${writer.prefix}` });
    const bad = await post(writer.secret, JSON.stringify({ rows: [{ sku: '' }] }));
    expect(bad.status).toBe(400);
    expect((await bad.json()).error.issues[0].path).toBe('rows.0.sku');
    expect((await post(reader.secret, '{}')).status).toBe(403);

    await revokeApiKey(db, owner, { id: reader.id });
    const revoked = await get(reader.secret);
    expect(revoked.status).toBe(401);
    expect((await revoked.json()).error.message).toBe('Unknown or revoked API key');
    await expect(revokeApiKey(db, owner, { id: reader.id })).rejects.toMatchObject({ code: 'CONFLICT' });
  });

  it('records use: last-used time on every call, one audit row per key per minute', async () => {
    const db = getDb().prisma;
    const owner = await staffMember(db, 'owner', 'owner-b@luma.example');
    const key = await createApiKey(db, owner, { name: 'Monitor', permissions: ['model.read'] });
    expect((await db.apiKey.findUniqueOrThrow({ where: { id: key.id } })).lastUsedAt).toBeNull();
    for (let i = 0; i < 3; i++) expect((await get(key.secret)).status).toBe(200);
    const row = await db.apiKey.findUniqueOrThrow({ where: { id: key.id } });
    expect(Date.now() - row.lastUsedAt!.getTime()).toBeLessThan(10_000);
    const uses = await db.auditEvent.findMany({ where: { action: 'apikey.use', entityId: key.id } });
    expect(uses).toHaveLength(1);
    expect(uses[0]).toMatchObject({ actor: `api-key:${key.prefix}`, after: { route: '/api/v1/decisions/[id]', permission: 'model.read', ip: '10.1.1.1' } });
    // A minute later the next use is recorded again.
    await db.apiKey.update({ where: { id: key.id }, data: { lastAuditedAt: new Date(Date.now() - 61_000) } });
    await get(key.secret);
    expect(await db.auditEvent.count({ where: { action: 'apikey.use', entityId: key.id } })).toBe(2);
  });

  it('never carries a permission its creator lacks', async () => {
    const db = getDb().prisma;
    const merchandiser = await staffMember(db, 'merchandiser');
    await expect(createApiKey(db, merchandiser, { name: 'Sneaky', permissions: ['catalog.write', 'order.refund'] })).rejects.toMatchObject({
      code: 'FORBIDDEN',
      message: expect.stringContaining('order.refund'),
    });
    expect(await db.apiKey.count({ where: { name: 'Sneaky' } })).toBe(0);
  });
});
