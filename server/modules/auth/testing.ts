// Test principals: a staff member with a built-in role's grants, without a database row or
// session, for callers built with createContext({ staff }).
import { ROLE_GRANTS, type BuiltInRole, type StaffPrincipal } from './permissions';

export function staffAs(role: BuiltInRole, id = `staff_${role}`): StaffPrincipal {
  return { id, email: `${id}@luma.example`, permissions: ROLE_GRANTS[role].permissions };
}
