// Who holds a permission: the active staff whose roles grant it, e.g. the reviewers a review
// item can be assigned to. Read-only; other modules call this instead of reading staff tables.
import type { Db } from '@/server/db/client';
import { permissionsOf, type Permission } from './permissions';

export type StaffSummary = { id: string; email: string; name: string };

export async function listStaffWithPermission(db: Db, permission: Permission): Promise<StaffSummary[]> {
  const staff = await db.staff.findMany({
    where: { disabled: false },
    orderBy: { email: 'asc' },
    select: {
      id: true,
      email: true,
      name: true,
      roles: { select: { role: { select: { key: true, builtIn: true, permissions: { select: { permission: true } } } } } },
    },
  });
  return staff
    .filter((s) =>
      permissionsOf(
        s.roles.map(({ role }) => ({
          key: role.key,
          builtIn: role.builtIn,
          permissions: role.permissions.map((p) => p.permission),
        })),
      ).includes(permission),
    )
    .map(({ id, email, name }) => ({ id, email, name }));
}
