import { describe, expect, it } from 'vitest';
import { useTestDatabase } from '@/server/db/testing';
import { listAuditEvents } from '@/server/modules/audit/list-audit';
import { acceptInvite, getInvite, INVITE_TTL_MS, inviteStaff, listOpenInvites, revokeInvite } from './invites';
import type { Mail } from './mail';
import { resolveSession } from './sessions';
import { roleId, staffMember } from './team-fixtures';

const getDb = useTestDatabase();
const client = { ip: '10.0.0.7', userAgent: 'vitest' };
const baseUrl = 'http://localhost:3101';

function outbox() {
  const sent: Mail[] = [];
  return { sent, send: async (m: Mail) => void sent.push(m), token: () => /invite\/([A-Za-z0-9_-]{43})/.exec(sent.at(-1)!.text)![1]! };
}

describe('staff invites', () => {
  it('mails a single-use 7-day link; accepting creates the account with the role, signs it in and is audited', async () => {
    const db = getDb().prisma;
    const owner = await staffMember(db, 'owner');
    const mail = outbox();
    const now = new Date('2026-11-27T10:00:00Z');
    const invite = await inviteStaff(db, owner, { email: 'Mira@Luma.example', roleId: await roleId(db, 'merchandiser') }, { baseUrl, send: mail.send, now });
    expect(invite.email).toBe('mira@luma.example');
    expect(invite.expiresAt.getTime() - now.getTime()).toBe(INVITE_TTL_MS);
    expect(mail.sent).toHaveLength(1);
    expect(mail.sent[0]!.to).toBe('mira@luma.example');
    const token = mail.token();
    expect(invite.link).toBe(`${baseUrl}/console/invite/${token}`);
    // Only the token's hash is stored.
    expect(await db.staffInvite.count({ where: { id: token } })).toBe(0);
    expect(await getInvite(db, token, now)).toMatchObject({ email: 'mira@luma.example', roleName: 'Merchandiser' });
    expect((await listOpenInvites(db, now)).map((i) => i.email)).toEqual(['mira@luma.example']);

    const accepted = await acceptInvite(db, { token, name: 'Mira', password: 'a-long-password' }, client, new Date(now.getTime() + 60_000));
    const principal = await resolveSession(db, accepted.token, new Date(now.getTime() + 120_000));
    expect(principal).toMatchObject({ id: accepted.staffId, email: 'mira@luma.example' });
    expect(principal!.permissions).toContain('policy.write');
    expect(principal!.permissions).not.toContain('policy.publish');

    // Reuse is refused, and nothing else is created.
    await expect(acceptInvite(db, { token, name: 'Eve', password: 'another-password' }, client)).rejects.toMatchObject({ code: 'INVALID' });
    expect(await db.staff.count({ where: { email: 'mira@luma.example' } })).toBe(1);
    expect(await getInvite(db, token)).toBeNull();

    const audit = await listAuditEvents(db, {});
    expect(audit.items.map((a) => a.action)).toEqual(expect.arrayContaining(['staff.invite', 'staff.invite_accepted']));
  });

  it('refuses an expired link, a superseded one and a revoked one', async () => {
    const db = getDb().prisma;
    const owner = await staffMember(db, 'owner', 'owner2@luma.example');
    const mail = outbox();
    const now = new Date();
    const support = await roleId(db, 'support');
    await inviteStaff(db, owner, { email: 'late@luma.example', roleId: support }, { baseUrl, send: mail.send, now });
    const expired = mail.token();
    await expect(
      acceptInvite(db, { token: expired, name: 'Late', password: 'a-long-password' }, client, new Date(now.getTime() + INVITE_TTL_MS + 1)),
    ).rejects.toThrow(/expired, was revoked or was already used/);

    // Inviting the same address again replaces the first link.
    await inviteStaff(db, owner, { email: 'late@luma.example', roleId: support }, { baseUrl, send: mail.send, now });
    const second = mail.token();
    await expect(acceptInvite(db, { token: expired, name: 'Late', password: 'a-long-password' }, client)).rejects.toMatchObject({ code: 'INVALID' });

    const [open] = await listOpenInvites(db);
    await revokeInvite(db, owner, { inviteId: open!.inviteId });
    await expect(acceptInvite(db, { token: second, name: 'Late', password: 'a-long-password' }, client)).rejects.toMatchObject({ code: 'INVALID' });
    expect(await db.staff.count({ where: { email: 'late@luma.example' } })).toBe(0);
  });

  it('cannot invite into a role with more than the inviter holds, nor an existing member', async () => {
    const db = getDb().prisma;
    const admin = await staffMember(db, 'admin');
    const mail = outbox();
    // Admins lack privacy.erase, so they cannot hand out the owner role.
    await expect(
      inviteStaff(db, admin, { email: 'boss@luma.example', roleId: await roleId(db, 'owner') }, { baseUrl, send: mail.send }),
    ).rejects.toMatchObject({ code: 'FORBIDDEN', message: expect.stringContaining('privacy.erase') });
    await expect(
      inviteStaff(db, admin, { email: admin.email, roleId: await roleId(db, 'viewer') }, { baseUrl, send: mail.send }),
    ).rejects.toMatchObject({ code: 'CONFLICT' });
    expect(mail.sent).toHaveLength(0);
    expect(await db.staffInvite.count({ where: { email: { in: ['boss@luma.example', admin.email] } } })).toBe(0);
  });
});
