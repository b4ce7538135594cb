// Changing a member's role and (de)activating accounts. Nobody can grant more than they hold,
// touch someone who holds more than they do, or leave the store without an active owner.
// Every change is audited in its transaction; deactivation ends the member's sessions.
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
    if (target.disabled === !input.active) return { staffId: target.id, active: input.active, sessionsEnded: 0 };
    if (!input.active && target.isOwner) await assertNotLastOwner(tx, target.id);
    await tx.staff.update({ where: { id: target.id }, data: { disabled: !input.active } });
    const ended = input.active ? { count: 0 } : await tx.staffSession.deleteMany({ where: { staffId: target.id } });
    await recordAudit(tx, {
      actor: actor.email,
      action: input.active ? 'staff.reactivate' : 'staff.deactivate',
      entity: 'staff',
      entityId: target.id,
      before: { email: target.email, active: !target.disabled },
      after: { email: target.email, active: input.active, sessionsEnded: ended.count },
    });
    return { staffId: target.id, active: input.active, sessionsEnded: ended.count };
  });
}
