// Staff accounts and their roles. Built-in roles are rows too (so staff_roles can point at
// them); their grants live in code and are resolved at sign-in (permissions.ts).
import { withTx, type Db } from '@/server/db/client';
import { newId } from '@/server/lib/ids';
import { ROLE_GRANTS, type BuiltInRole } from './permissions';
import { hashPassword } from './password';

export async function ensureBuiltInRoles(db: Db): Promise<Map<BuiltInRole, string>> {
  const ids = new Map<BuiltInRole, string>();
  for (const [key, { name }] of Object.entries(ROLE_GRANTS) as [BuiltInRole, { name: string }][]) {
    const role = await db.role.upsert({
      where: { key },
      create: { id: newId('role'), key, name, builtIn: true },
      update: { name, builtIn: true },
      select: { id: true },
    });
    ids.set(key, role.id);
  }
  return ids;
}

export async function createStaff(
  db: Db,
  input: { email: string; password: string; name?: string; roles: BuiltInRole[] },
): Promise<{ id: string; email: string }> {
  const passwordHash = await hashPassword(input.password);
  return withTx(db, async (tx) => {
    const roleIds = await ensureBuiltInRoles(tx);
    const id = newId('staff');
    const email = input.email.trim().toLowerCase();
    await tx.staff.create({
      data: {
        id,
        email,
        name: input.name ?? '',
        passwordHash,
        roles: { create: input.roles.map((r) => ({ roleId: roleIds.get(r)! })) },
      },
    });
    return { id, email };
  });
}
