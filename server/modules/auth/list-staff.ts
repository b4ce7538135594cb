// The staff table for Console → Staff & roles: filtered and paginated in the database.
import type { Db } from '@/server/db/client';
import type { Prisma } from '@/server/db/generated/client';
import { ensureBuiltInRoles } from './create-staff';
import { grantsOf } from './team-access';
import { listStaffInput, type ListStaffInput } from './team.schema';

export async function listStaff(db: Db, raw: ListStaffInput) {
  const input = listStaffInput.parse(raw);
  const where: Prisma.StaffWhereInput = {
    ...(input.status === 'all' ? {} : { disabled: input.status === 'disabled' }),
    ...(input.roleId ? { roles: { some: { roleId: input.roleId } } } : {}),
    ...(input.q
      ? {
          OR: [
            { email: { contains: input.q, mode: 'insensitive' } },
            { name: { contains: input.q, mode: 'insensitive' } },
          ],
        }
      : {}),
  };
  const [total, rows] = await Promise.all([
    db.staff.count({ where }),
    db.staff.findMany({
      where,
      orderBy: [{ createdAt: 'asc' }, { id: 'asc' }],
      skip: (input.page - 1) * input.pageSize,
      take: input.pageSize,
      select: {
        id: true,
        email: true,
        name: true,
        disabled: true,
        createdAt: true,
        roles: { select: { role: { select: { id: true, key: true, name: true, builtIn: true } } } },
      },
    }),
  ]);
  return {
    items: rows.map((r) => ({ ...r, roles: r.roles.map((x) => x.role) })),
    total,
    page: input.page,
    pageSize: input.pageSize,
    pages: Math.max(1, Math.ceil(total / input.pageSize)),
  };
}

/** Every role with its grants and how many active staff hold it; built-ins first. */
export async function listRoles(db: Db) {
  if ((await db.role.count({ where: { builtIn: true } })) === 0) await ensureBuiltInRoles(db);
  const roles = await db.role.findMany({
    orderBy: [{ builtIn: 'desc' }, { createdAt: 'asc' }, { name: 'asc' }],
    select: {
      id: true,
      key: true,
      name: true,
      builtIn: true,
      permissions: { select: { permission: true } },
      _count: { select: { staff: { where: { staff: { disabled: false } } } } },
    },
  });
  return roles.map((r) => ({
    id: r.id,
    key: r.key,
    name: r.name,
    builtIn: r.builtIn,
    permissions: grantsOf([r]),
    staffCount: r._count.staff,
  }));
}
