import { describe, expect, it } from 'vitest';
import { useTestDatabase } from '@/server/db/testing';
import { createTokenBucket } from '@/server/lib/rate-limit';
import { createApiKey, resolveApiKey } from './api-keys';
import { saveCustomRole } from './custom-roles';
import { getInvite, inviteStaff } from './invites';
import { listRoles, listStaff } from './list-staff';
import { setStaffActive, setStaffRole } from './manage-staff';
import { ROLE_GRANTS } from './permissions';
import { resolveSession } from './sessions';
import { signIn } from './sign-in';
import { roleId, staffMember } from './team-fixtures';

const getDb = useTestDatabase();
const client = { ip: '10.0.0.8', userAgent: 'vitest' };

describe('staff management', () => {
  it('keeps at least one active owner', async () => {
    const db = getDb().prisma;
    const owner = await staffMember(db, 'owner');
    await expect(setStaffRole(db, owner, { staffId: owner.id, roleId: await roleId(db, 'admin') })).rejects.toMatchObject({
      code: 'CONFLICT',
      details: { rule: 'last_owner' },
    });
    const second = await staffMember(db, 'owner', 'owner2@luma.example');
    // With a second owner, the first may step down; then the second is the last one.
    await setStaffRole(db, second, { staffId: owner.id, roleId: await roleId(db, 'admin') });
    // Now an admin, the first cannot touch the remaining owner; the owner cannot deactivate themself.
    const demoted = { ...owner, permissions: ROLE_GRANTS.admin.permissions };
    await expect(setStaffActive(db, demoted, { staffId: second.id, active: false })).rejects.toMatchObject({ code: 'FORBIDDEN' });
    await expect(setStaffRole(db, second, { staffId: second.id, roleId: await roleId(db, 'admin') })).rejects.toMatchObject({
      details: { rule: 'last_owner' },
    });
    await expect(setStaffActive(db, second, { staffId: second.id, active: false })).rejects.toMatchObject({ code: 'CONFLICT' });
    const audit = await db.auditEvent.findMany({ where: { action: 'staff.role_change' } });
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({ actor: 'owner2@luma.example', before: { roles: ['owner'] }, after: { roles: ['admin'] } });
  });

  it('refuses escalation: an admin cannot grant owner, nor change an owner', async () => {
    const db = getDb().prisma;
    const owner = await staffMember(db, 'owner');
    const admin = await staffMember(db, 'admin');
    const viewer = await staffMember(db, 'viewer');
    await expect(setStaffRole(db, admin, { staffId: viewer.id, roleId: await roleId(db, 'owner') })).rejects.toMatchObject({
      code: 'FORBIDDEN',
    });
    await expect(setStaffRole(db, admin, { staffId: owner.id, roleId: await roleId(db, 'viewer') })).rejects.toMatchObject({
      code: 'FORBIDDEN',
    });
    await expect(setStaffRole(db, admin, { staffId: admin.id, roleId: await roleId(db, 'owner') })).rejects.toMatchObject({
      code: 'FORBIDDEN',
    });
    // Within their own grants it works.
    await expect(setStaffRole(db, admin, { staffId: viewer.id, roleId: await roleId(db, 'merchandiser') })).resolves.toMatchObject({
      changed: true,
      role: 'merchandiser',
    });
  });

  it('deactivating ends every session of the member', async () => {
    const db = getDb().prisma;
    const owner = await staffMember(db, 'owner');
    const support = await staffMember(db, 'support');
    const limiter = createTokenBucket({ capacity: 100, refillPerSec: 1 });
    const session = await signIn(db, { email: support.email, password: 'pw-long-enough-1' }, client, limiter);
    expect(await resolveSession(db, session.token)).not.toBeNull();
    expect(await setStaffActive(db, owner, { staffId: support.id, active: false })).toMatchObject({ sessionsEnded: 1 });
    expect(await resolveSession(db, session.token)).toBeNull();
    expect(await db.staffSession.count({ where: { staffId: support.id } })).toBe(0);
    await expect(signIn(db, { email: support.email, password: 'pw-long-enough-1' }, client, limiter)).rejects.toMatchObject({
      code: 'UNAUTHORIZED',
    });
    expect((await listStaff(db, { status: 'disabled' })).items.map((s) => s.email)).toEqual([support.email]);
    expect(await db.auditEvent.count({ where: { action: 'staff.deactivate', entityId: support.id } })).toBe(1);
  });

  it('deactivating revokes the API keys the member created and their open invites; reactivating brings none back', async () => {
    const db = getDb().prisma;
    const owner = await staffMember(db, 'owner');
    const admin = await staffMember(db, 'admin');
    const use = { route: '/api/v1/catalog/import', permission: 'catalog.write' as const };
    const mine = await createApiKey(db, admin, { name: 'PIM sync', permissions: ['catalog.write'] });
    const second = await createApiKey(db, admin, { name: 'BI export', permissions: ['model.read'] });
    const ownersKey = await createApiKey(db, owner, { name: 'ERP', permissions: ['catalog.write'] });
    const sent: string[] = [];
    const send = async (m: { text: string }) => void sent.push(m.text);
    const viewerRole = await roleId(db, 'viewer');
    const open = await inviteStaff(db, admin, { email: 'friend@luma.example', roleId: viewerRole }, { baseUrl: 'http://x', send });
    const ownersInvite = await inviteStaff(db, owner, { email: 'other@luma.example', roleId: viewerRole }, { baseUrl: 'http://x', send });
    expect(await resolveApiKey(db, mine.secret, use)).not.toBeNull();

    const result = await setStaffActive(db, owner, { staffId: admin.id, active: false });
    expect(result).toEqual({ staffId: admin.id, active: false, sessionsEnded: 0, apiKeysRevoked: 2, invitesRevoked: 1 });
    expect(await resolveApiKey(db, mine.secret, use)).toBeNull();
    expect(await resolveApiKey(db, second.secret, { ...use, permission: 'model.read' })).toBeNull();
    expect(await resolveApiKey(db, ownersKey.secret, use)).not.toBeNull();
    const token = (link: string) => link.split('/').pop()!;
    expect(await getInvite(db, token(open.link))).toBeNull();
    expect(await getInvite(db, token(ownersInvite.link))).not.toBeNull();
    expect(await db.apiKey.findUniqueOrThrow({ where: { id: mine.id } })).toMatchObject({ revokedBy: owner.id });

    // Reactivation restores the account, not what was revoked with it.
    expect(await setStaffActive(db, owner, { staffId: admin.id, active: true })).toMatchObject({ apiKeysRevoked: 0, invitesRevoked: 0 });
    expect(await resolveApiKey(db, mine.secret, use)).toBeNull();
    expect(await getInvite(db, token(open.link))).toBeNull();

    const deactivation = await db.auditEvent.findFirstOrThrow({ where: { action: 'staff.deactivate', entityId: admin.id } });
    expect(deactivation.after).toMatchObject({ apiKeysRevoked: [mine.prefix, second.prefix].sort(), invitesRevoked: 1 });
    const revocations = await db.auditEvent.findMany({ where: { action: 'apikey.revoke' }, orderBy: { seq: 'asc' } });
    expect(revocations.map((r) => r.entityId).sort()).toEqual([mine.id, second.id].sort());
    expect(revocations[0]!.after).toMatchObject({ reason: 'creator_deactivated', staffId: admin.id });
  });

  it('custom roles: created within the author’s grants, resolved at sign-in; built-ins are read-only', async () => {
    const db = getDb().prisma;
    const admin = await staffMember(db, 'admin');
    const riskAnalyst = await staffMember(db, 'risk_analyst');
    await expect(
      saveCustomRole(db, riskAnalyst, { name: 'Eraser', permissions: ['privacy.erase'] }),
    ).rejects.toMatchObject({ code: 'FORBIDDEN' });
    const role = await saveCustomRole(db, admin, { name: 'Catalog editor', permissions: ['catalog.write', 'catalog.read', 'catalog.read'] });
    expect(role.permissions).toEqual(['catalog.read', 'catalog.write']);
    await expect(saveCustomRole(db, admin, { name: 'catalog EDITOR', permissions: ['catalog.read'] })).rejects.toMatchObject({
      code: 'CONFLICT',
    });
    const builtIn = await roleId(db, 'viewer');
    await expect(saveCustomRole(db, admin, { id: builtIn, name: 'Viewer', permissions: ['catalog.read'] })).rejects.toMatchObject({
      code: 'CONFLICT',
      details: { rule: 'built_in' },
    });

    const editor = await staffMember(db, 'viewer', 'ed@luma.example');
    await setStaffRole(db, admin, { staffId: editor.id, roleId: role.id });
    const limiter = createTokenBucket({ capacity: 100, refillPerSec: 1 });
    const { token } = await signIn(db, { email: 'ed@luma.example', password: 'pw-long-enough-1' }, client, limiter);
    expect((await resolveSession(db, token))!.permissions).toEqual(['catalog.read', 'catalog.write']);

    await saveCustomRole(db, admin, { id: role.id, name: 'Catalog editor', permissions: ['catalog.read'] });
    expect((await resolveSession(db, token))!.permissions).toEqual(['catalog.read']);
    const roles = await listRoles(db);
    expect(roles.find((r) => r.id === role.id)).toMatchObject({ builtIn: false, staffCount: 1, permissions: ['catalog.read'] });
    expect(roles.filter((r) => r.builtIn)).toHaveLength(7);
    expect(await db.auditEvent.count({ where: { action: { in: ['role.create', 'role.update'] } } })).toBe(2);
  });

  it('lists staff page by page with a filter', async () => {
    const db = getDb().prisma;
    for (let i = 0; i < 5; i++) await staffMember(db, 'viewer', `v${i}@luma.example`);
    await staffMember(db, 'support', 'help@luma.example');
    const page1 = await listStaff(db, { q: 'v', pageSize: 2, roleId: await roleId(db, 'viewer') });
    expect(page1).toMatchObject({ total: 5, pages: 3, page: 1 });
    expect(page1.items.map((s) => s.email)).toEqual(['v0@luma.example', 'v1@luma.example']);
    const page3 = await listStaff(db, { q: 'v', pageSize: 2, page: 3, roleId: await roleId(db, 'viewer') });
    expect(page3.items.map((s) => s.email)).toEqual(['v4@luma.example']);
    expect((await listStaff(db, { q: 'HELP' })).items.map((s) => s.roles[0]!.key)).toEqual(['support']);
  });
});
