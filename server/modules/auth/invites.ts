// Staff invitations: a single-use link valid for 7 days, mailed to the invitee and shown once
// to the inviter ("copy invite link"). Only the token's SHA-256 is stored. Accepting sets the
// name and password, creates the account with the invited role and signs it in.
import { createHash, randomBytes } from 'node:crypto';
import { withTx, type Db } from '@/server/db/client';
import { ConflictError, InvalidError } from '@/server/errors';
import { newId } from '@/server/lib/ids';
import { recordAudit } from '@/server/modules/audit/record-audit';
import { logTransport, type MailTransport } from './mail';
import { hashPassword } from './password';
import type { StaffPrincipal } from './permissions';
import { createSession } from './sessions';
import { assertWithin, loadRole } from './team-access';
import {
  acceptInviteInput,
  inviteStaffInput,
  revokeInviteInput,
  type AcceptInviteInput,
  type InviteStaffInput,
} from './team.schema';

export const INVITE_TTL_MS = 7 * 24 * 60 * 60 * 1000;
const hashToken = (token: string) => createHash('sha256').update(token).digest('hex');

export class InviteUnusableError extends InvalidError {
  constructor() {
    super('This invite link has expired, was revoked or was already used; ask for a new one', { field: 'token' });
  }
}

export async function inviteStaff(
  db: Db,
  actor: StaffPrincipal,
  raw: InviteStaffInput,
  opts: { baseUrl: string; send?: MailTransport; now?: Date },
): Promise<{ inviteId: string; email: string; link: string; expiresAt: Date }> {
  const input = inviteStaffInput.parse(raw);
  const now = opts.now ?? new Date();
  const token = randomBytes(32).toString('base64url');
  const link = new URL(`/console/invite/${token}`, opts.baseUrl).toString();
  const result = await withTx(db, async (tx) => {
    const role = await loadRole(tx, input.roleId);
    assertWithin(actor, role.grants);
    if (await tx.staff.findUnique({ where: { email: input.email }, select: { id: true } }))
      throw new ConflictError(`${input.email} already has a console account`, { field: 'email' });
    // A new invite replaces any earlier open one for the same address.
    await tx.staffInvite.updateMany({
      where: { email: input.email, acceptedAt: null, revokedAt: null },
      data: { revokedAt: now },
    });
    const expiresAt = new Date(now.getTime() + INVITE_TTL_MS);
    const id = hashToken(token);
    const inviteId = id.slice(0, 16);
    await tx.staffInvite.create({
      data: { id, email: input.email, roleId: role.id, invitedBy: actor.id, expiresAt, createdAt: now },
    });
    await recordAudit(tx, {
      actor: actor.email,
      action: 'staff.invite',
      entity: 'staff_invite',
      entityId: input.email,
      after: { email: input.email, role: role.key, expiresAt },
    });
    return { inviteId, expiresAt, roleName: role.name };
  });
  await (opts.send ?? logTransport)({
    to: input.email,
    subject: 'You are invited to the Luma console',
    text: `You have been invited to the Luma console as ${result.roleName}.\nOpen this link within 7 days to set your password:\n${link}`,
  });
  return { inviteId: result.inviteId, email: input.email, link, expiresAt: result.expiresAt };
}

/** The invite behind a link, for the accept page; null when it cannot be used. */
export async function getInvite(db: Db, token: string, now = new Date()) {
  const invite = await db.staffInvite.findUnique({
    where: { id: hashToken(token) },
    select: { email: true, roleId: true, expiresAt: true, acceptedAt: true, revokedAt: true },
  });
  if (!invite || invite.acceptedAt || invite.revokedAt || invite.expiresAt <= now) return null;
  const role = await db.role.findUnique({ where: { id: invite.roleId }, select: { name: true } });
  return { email: invite.email, roleName: role?.name ?? 'unknown role', expiresAt: invite.expiresAt };
}

export async function acceptInvite(
  db: Db,
  raw: AcceptInviteInput,
  client: { ip: string; userAgent: string },
  now = new Date(),
): Promise<{ staffId: string; email: string; token: string; expiresAt: Date }> {
  const input = acceptInviteInput.parse(raw);
  const passwordHash = await hashPassword(input.password);
  return withTx(db, async (tx) => {
    // The conditional update is the lock: two tabs accepting at once get one account.
    const used = await tx.staffInvite.updateManyAndReturn({
      where: { id: hashToken(input.token), acceptedAt: null, revokedAt: null, expiresAt: { gt: now } },
      data: { acceptedAt: now },
    });
    const invite = used[0];
    if (!invite) throw new InviteUnusableError();
    if (await tx.staff.findUnique({ where: { email: invite.email }, select: { id: true } }))
      throw new ConflictError(`${invite.email} already has a console account; sign in instead`);
    const role = await loadRole(tx, invite.roleId);
    const staffId = newId('staff');
    await tx.staff.create({
      data: {
        id: staffId,
        email: invite.email,
        name: input.name,
        passwordHash,
        roles: { create: [{ roleId: role.id }] },
      },
    });
    await tx.staffInvite.update({ where: { id: invite.id }, data: { acceptedStaffId: staffId } });
    await recordAudit(tx, {
      actor: invite.email,
      action: 'staff.invite_accepted',
      entity: 'staff',
      entityId: staffId,
      after: { email: invite.email, role: role.key, invitedBy: invite.invitedBy, ip: client.ip },
    });
    const session = await createSession(tx, staffId, client, now);
    return { staffId, email: invite.email, ...session };
  });
}

/** Open invites (not accepted, revoked or expired), newest first. */
export async function listOpenInvites(db: Db, now = new Date()) {
  const rows = await db.staffInvite.findMany({
    where: { acceptedAt: null, revokedAt: null, expiresAt: { gt: now } },
    orderBy: { createdAt: 'desc' },
    take: 100,
    select: { id: true, email: true, roleId: true, expiresAt: true, createdAt: true },
  });
  const roles = await db.role.findMany({ where: { id: { in: rows.map((r) => r.roleId) } }, select: { id: true, name: true } });
  const names = new Map(roles.map((r) => [r.id, r.name]));
  // The id is the token's hash: expose a short handle for revoking, never the hash itself.
  return rows.map((r) => ({ inviteId: r.id.slice(0, 16), email: r.email, roleName: names.get(r.roleId) ?? '?', expiresAt: r.expiresAt, createdAt: r.createdAt }));
}

export async function revokeInvite(db: Db, actor: StaffPrincipal, raw: { inviteId: string }, now = new Date()) {
  const input = revokeInviteInput.parse(raw);
  return withTx(db, async (tx) => {
    const rows = await tx.staffInvite.updateManyAndReturn({
      where: { id: { startsWith: input.inviteId }, acceptedAt: null, revokedAt: null },
      data: { revokedAt: now },
    });
    if (rows.length !== 1) throw new ConflictError('That invite is no longer open');
    await recordAudit(tx, { actor: actor.email, action: 'staff.invite_revoked', entity: 'staff_invite', entityId: rows[0]!.email });
    return { email: rows[0]!.email };
  });
}
