// Changing a member's role and (de)activating accounts. Nobody can grant more than they hold,
// touch someone who holds more than they do, or leave the store without an active owner.
// Every change is audited in its transaction. Deactivation ends the member's sessions, revokes
// the API keys they created and the invites they sent that are still open (ADR 029); none of
// them comes back on reactivation.
import { withTx, type Db } from '@/server/db/client';
import { ConflictError } from '@/server/errors';
import { recordAudit } from '@/server/modules/audit/record-audit';
import type { StaffPrincipal } from './permissions';
import { assertNotLastOwner, assertWithin, loadRole, loadStaffAccess } from './team-access';
import {
  setStaffActiveInput,
  setStaffRoleInput,
  type SetStaffActiveInput,
  type SetStaffRoleInput,
} from './team.schema';

export async function setStaffRole(db: Db, actor: StaffPrincipal, raw: SetStaffRoleInput) {
  const input = setStaffRoleInput.parse(raw);
  return withTx(db, async (tx) => {
    const target = await loadStaffAccess(tx, input.staffId);
    const role = await loadRole(tx, input.roleId);
    assertWithin(actor, role.grants);
    assertWithin(actor, target.grants);
    const before = target.roles.map((r) => r.key);
    if (before.length === 1 && before[0] === role.key) return { staffId: target.id, role: role.key, changed: false };
    if (target.isOwner && !(role.builtIn && role.key === 'owner')) await assertNotLastOwner(tx, target.id);
    await tx.staffRole.deleteMany({ where: { staffId: target.id } });
    await tx.staffRole.create({ data: { staffId: target.id, roleId: role.id } });
    await recordAudit(tx, {
      actor: actor.email,
      action: 'staff.role_change',
      entity: 'staff',
      entityId: target.id,
      before: { email: target.email, roles: before },
      after: { email: target.email, roles: [role.key] },
    });
    return { staffId: target.id, role: role.key, changed: true };
  });
}

export async function setStaffActive(db: Db, actor: StaffPrincipal, raw: SetStaffActiveInput) {
  const input = setStaffActiveInput.parse(raw);
  return withTx(db, async (tx) => {
    const target = await loadStaffAccess(tx, input.staffId);
    assertWithin(actor, target.grants);
    if (!input.active && target.id === actor.id)
      throw new ConflictError('You cannot deactivate your own account', { rule: 'self' });
    if (target.disabled === !input.active)
      return { staffId: target.id, active: input.active, sessionsEnded: 0, apiKeysRevoked: 0, invitesRevoked: 0 };
    if (!input.active && target.isOwner) await assertNotLastOwner(tx, target.id);
    await tx.staff.update({ where: { id: target.id }, data: { disabled: !input.active } });
    const now = new Date();
    const ended = input.active ? { count: 0 } : await tx.staffSession.deleteMany({ where: { staffId: target.id } });
    const keys = input.active
      ? []
      : await tx.apiKey.updateManyAndReturn({
          where: { createdBy: target.id, revokedAt: null },
          data: { revokedAt: now, revokedBy: actor.id },
          select: { id: true, name: true, prefix: true },
        });
    const invites = input.active
      ? { count: 0 }
      : await tx.staffInvite.updateMany({
          where: { invitedBy: target.id, acceptedAt: null, revokedAt: null, expiresAt: { gt: now } },
          data: { revokedAt: now },
        });
    await recordAudit(tx, {
      actor: actor.email,
      action: input.active ? 'staff.reactivate' : 'staff.deactivate',
      entity: 'staff',
      entityId: target.id,
      before: { email: target.email, active: !target.disabled },
      after: {
        email: target.email,
        active: input.active,
        sessionsEnded: ended.count,
        ...(input.active ? {} : { apiKeysRevoked: keys.map((k) => k.prefix).sort(), invitesRevoked: invites.count }),
      },
    });
    for (const key of keys)
      await recordAudit(tx, {
        actor: actor.email,
        action: 'apikey.revoke',
        entity: 'api_key',
        entityId: key.id,
        before: { name: key.name, prefix: key.prefix },
        after: { reason: 'creator_deactivated', staffId: target.id },
      });
    return {
      staffId: target.id,
      active: input.active,
      sessionsEnded: ended.count,
      apiKeysRevoked: keys.length,
      invitesRevoked: invites.count,
    };
  });
}
