// Shared checks for staff management: which permissions a set of roles grants, the
// no-escalation rule and the last-owner rule.
import type { Db } from '@/server/db/client';
import { NotFoundError } from '@/server/errors';
import { permissionsOf, type Permission, type StaffPrincipal } from './permissions';
import { EscalationError, LastOwnerError } from './team-errors';

const roleSelect = { id: true, key: true, name: true, builtIn: true, permissions: { select: { permission: true } } };

export async function loadRole(db: Db, roleId: string) {
  const role = await db.role.findUnique({ where: { id: roleId }, select: roleSelect });
  if (!role) throw new NotFoundError('role', roleId);
  return { ...role, grants: grantsOf([role]) };
}

export function grantsOf(
  roles: { key: string; builtIn: boolean; permissions: { permission: string }[] }[],
): Permission[] {
  return permissionsOf(roles.map((r) => ({ ...r, permissions: r.permissions.map((p) => p.permission) })));
}

/** Throws unless every permission is one the actor holds. */
export function assertWithin(actor: StaffPrincipal, permissions: readonly string[]): void {
  const missing = permissions.filter((p) => !actor.permissions.includes(p as Permission)) as Permission[];
  if (missing.length) throw new EscalationError(missing);
}

/** The staff member's roles and the permissions they add up to. */
export async function loadStaffAccess(db: Db, staffId: string) {
  const staff = await db.staff.findUnique({
    where: { id: staffId },
    select: { id: true, email: true, disabled: true, roles: { select: { role: { select: roleSelect } } } },
  });
  if (!staff) throw new NotFoundError('staff member', staffId);
  const roles = staff.roles.map((r) => r.role);
  return { ...staff, roles, grants: grantsOf(roles), isOwner: roles.some((r) => r.builtIn && r.key === 'owner') };
}

/** Refuses a change that would leave no active owner (call inside the change's transaction). */
export async function assertNotLastOwner(db: Db, staffId: string): Promise<void> {
  // Lock the owners' rows so two concurrent demotions cannot both see "another owner exists".
  await db.$queryRaw`SELECT s.id FROM staff s JOIN staff_roles sr ON sr.staff_id = s.id JOIN roles r ON r.id = sr.role_id
    WHERE r.key = 'owner' AND r.built_in AND NOT s.disabled FOR UPDATE OF s`;
  const others = await db.staff.count({
    where: { id: { not: staffId }, disabled: false, roles: { some: { role: { key: 'owner', builtIn: true } } } },
  });
  if (others === 0) throw new LastOwnerError();
}
