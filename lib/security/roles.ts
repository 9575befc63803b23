/**
 * Roles and what each may do — the one table every page, server action and API route consults
 * (through `authorize` in lib/services/auth/actor.ts). Hiding a link in the UI is a courtesy; this is the rule.
 */
export const ROLES = ['admin', 'marketer', 'manager'] as const;
export type Role = (typeof ROLES)[number];

export const PERMISSIONS = [
  'dashboard:view',
  'customers:view',
  'customers:export',
  'customers:erase',
  'catalogue:view',
  'segments:view',
  'segments:edit',
  'campaigns:view',
  'campaigns:edit',
  'recommendations:view',
  'recommendations:manage',
  'imports:manage',
  'users:manage',
  'apikeys:manage',
  'settings:manage',
  'trust:view',
  'trust:read-all',
] as const;
export type Permission = (typeof PERMISSIONS)[number];

const READ: Permission[] = [
  'dashboard:view',
  'customers:view',
  'catalogue:view',
  'segments:view',
  'campaigns:view',
  'recommendations:view',
  'trust:view',
];

export const ROLE_PERMISSIONS: Record<Role, ReadonlySet<Permission>> = {
  // Admins run the installation: data, people, keys, settings — and can do everything else too.
  admin: new Set(PERMISSIONS),
  // Marketers build audiences and campaigns and read portraits.
  marketer: new Set([...READ, 'segments:edit', 'campaigns:edit', 'customers:export']),
  // Managers read dashboards and results; read-only elsewhere.
  // Trust: managers read all of it; marketers only the fairness of their own segments and campaigns.
  manager: new Set([...READ, 'trust:read-all']),
};

export function isRole(value: unknown): value is Role {
  return typeof value === 'string' && (ROLES as readonly string[]).includes(value);
}

export function can(role: Role, permission: Permission) {
  return ROLE_PERMISSIONS[role].has(permission);
}
