// Custom roles: a name and a list of permissions, stored in role_permissions. Built-in roles
// take their grants from code and are read-only here. A role can only list permissions its
// author holds, so a custom role is never a way around the no-escalation rule.
import { withTx, type Db } from '@/server/db/client';
import { ConflictError } from '@/server/errors';
import { newId } from '@/server/lib/ids';
import { recordAudit } from '@/server/modules/audit/record-audit';
import type { StaffPrincipal } from './permissions';
import { assertWithin, loadRole } from './team-access';
import { saveRoleInput, type SaveRoleInput } from './team.schema';

const slug = (name: string) =>
  name
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '_')
    .replace(/^_+|_+$/g, '')
    .slice(0, 40) || 'role';

export async function saveCustomRole(db: Db, actor: StaffPrincipal, raw: SaveRoleInput) {
  const input = saveRoleInput.parse(raw);
  assertWithin(actor, input.permissions);
  return withTx(db, async (tx) => {
    const clash = await tx.role.findFirst({
      where: { name: { equals: input.name, mode: 'insensitive' }, ...(input.id ? { id: { not: input.id } } : {}) },
      select: { id: true },
    });
    if (clash) throw new ConflictError(`A role named “${input.name}” already exists`, { field: 'name' });
    if (!input.id) {
      const id = newId('role');
      const key = `custom_${slug(input.name)}_${id.slice(-6).toLowerCase()}`;
      await tx.role.create({
        data: {
          id,
          key,
          name: input.name,
          builtIn: false,
          permissions: { create: input.permissions.map((permission) => ({ permission })) },
        },
      });
      await recordAudit(tx, {
        actor: actor.email,
        action: 'role.create',
        entity: 'role',
        entityId: id,
        after: { name: input.name, permissions: input.permissions },
      });
      return { id, key, name: input.name, permissions: input.permissions };
    }
    const role = await loadRole(tx, input.id);
    if (role.builtIn) throw new ConflictError(`${role.name} is a built-in role and cannot be edited`, { rule: 'built_in' });
    // Editing a role changes what its holders can do, so the author must hold the old grants too.
    assertWithin(actor, role.grants);
    await tx.rolePermission.deleteMany({ where: { roleId: role.id } });
    await tx.rolePermission.createMany({ data: input.permissions.map((permission) => ({ roleId: role.id, permission })) });
    await tx.role.update({ where: { id: role.id }, data: { name: input.name } });
    await recordAudit(tx, {
      actor: actor.email,
      action: 'role.update',
      entity: 'role',
      entityId: role.id,
      before: { name: role.name, permissions: role.grants },
      after: { name: input.name, permissions: input.permissions },
    });
    return { id: role.id, key: role.key, name: input.name, permissions: input.permissions };
  });
}
