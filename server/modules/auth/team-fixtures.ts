// Test helpers for staff management: real staff rows and the principal a signed-in member
// of a built-in role would have.
import type { Db } from '@/server/db/client';
import { createStaff } from './create-staff';
import { ROLE_GRANTS, type BuiltInRole, type StaffPrincipal } from './permissions';

let seq = 0;

/** A staff row with one built-in role; emails are unique per call unless given. */
export async function staffMember(db: Db, role: BuiltInRole, email = `${role}-${++seq}@luma.example`): Promise<StaffPrincipal> {
  const { id } = await createStaff(db, { email, password: 'pw-long-enough-1', name: role, roles: [role] });
  return { id, email, permissions: ROLE_GRANTS[role].permissions };
}

export async function roleId(db: Db, key: string): Promise<string> {
  return (await db.role.findUniqueOrThrow({ where: { key }, select: { id: true } })).id;
}
