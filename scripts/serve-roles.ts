// Which of Precisa's three processes `npm start` runs on this machine: PRECISA_SERVE, a comma-separated list of
// app, storefront and worker (default: all three). docs/deployment.md shows machines that run one role each.
export const ROLES = ['app', 'storefront', 'worker'] as const;
export type Role = (typeof ROLES)[number];

/** The roles named in `value` (all when empty); throws on an unknown or missing name. */
export function serveRoles(value: string | undefined): Role[] {
  if (!value?.trim()) return [...ROLES];
  const names = value.split(',').map((s) => s.trim().toLowerCase());
  const unknown = names.filter((n) => !(ROLES as readonly string[]).includes(n));
  if (unknown.length || names.includes(''))
    throw new Error(
      `PRECISA_SERVE: unknown role "${unknown[0] ?? ''}" (use a comma-separated list of ${ROLES.join(', ')})`,
    );
  return ROLES.filter((r) => names.includes(r));
}
