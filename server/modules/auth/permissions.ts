// Named capabilities and the built-in roles that grant them. Grants are explicit lists, not
// wildcards, so adding a permission never silently widens a role (owner aside: it owns all).

export const PERMISSIONS = [
  'catalog.read',
  'catalog.write',
  'search.rules.read',
  'search.rules.write',
  'search.analytics.read',
  'policy.read',
  'policy.write',
  'policy.publish',
  'model.read',
  'model.write',
  'model.promote',
  'model.approve',
  'model.rollback',
  'model.settings.write',
  'automations.read',
  'automations.manage',
  'review.read',
  'review.decide',
  'experiment.read',
  'experiment.manage',
  'order.read',
  'order.refund',
  'audit.read',
  'privacy.erase',
  'staff.manage',
  'settings.manage',
  'apikey.manage',
  'privacy.read',
  'privacy.export',
  'mail.read',
  'webhooks.manage',
] as const;

export type Permission = (typeof PERMISSIONS)[number];

export const BUILT_IN_ROLES = [
  'owner',
  'admin',
  'merchandiser',
  'risk_analyst',
  'data_scientist',
  'support',
  'viewer',
] as const;
export type BuiltInRole = (typeof BUILT_IN_ROLES)[number];

const READ: Permission[] = [
  'catalog.read',
  'search.rules.read',
  'search.analytics.read',
  'policy.read',
  'model.read',
  'automations.read',
  'review.read',
  'experiment.read',
  'order.read',
];

export const ROLE_GRANTS: Record<BuiltInRole, { name: string; permissions: readonly Permission[] }> = {
  owner: { name: 'Owner', permissions: PERMISSIONS },
  // Everything but erasing personal data, which stays with the owner (irreversible).
  admin: { name: 'Admin', permissions: PERMISSIONS.filter((p) => p !== 'privacy.erase') },
  merchandiser: {
    name: 'Merchandiser',
    permissions: [...READ, 'catalog.write', 'search.rules.write', 'policy.write', 'experiment.manage'],
  },
  risk_analyst: {
    name: 'Risk analyst',
    permissions: [...READ, 'policy.write', 'review.decide', 'audit.read'],
  },
  // Data scientists ship models up to the approval gate; someone else approves (model.approve).
  data_scientist: {
    name: 'Data scientist',
    permissions: [...READ, 'model.write', 'model.promote', 'model.rollback', 'experiment.manage', 'automations.manage'],
  },
  support: { name: 'Support', permissions: ['catalog.read', 'order.read', 'order.refund', 'review.read'] },
  viewer: { name: 'Viewer', permissions: READ },
};

export function isPermission(value: string): value is Permission {
  return (PERMISSIONS as readonly string[]).includes(value);
}

/** Permissions of a set of roles: built-ins from code, custom ones from their stored grants. */
export function permissionsOf(roles: { key: string; builtIn: boolean; permissions: string[] }[]): Permission[] {
  const out = new Set<Permission>();
  for (const role of roles) {
    const grants =
      role.builtIn && role.key in ROLE_GRANTS ? ROLE_GRANTS[role.key as BuiltInRole].permissions : role.permissions;
    for (const p of grants) if (isPermission(p)) out.add(p);
  }
  return [...out].sort();
}

/** The signed-in staff member as procedures see it. */
export type StaffPrincipal = { id: string; email: string; permissions: readonly Permission[] };
