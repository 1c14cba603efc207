/**
 * The roles and the user of a session, with no imports: the server and the
 * console (which bundles this file) share the one definition.
 */
export const ROLES = ['sre', 'manager', 'oncall', 'admin'] as const
export type Role = (typeof ROLES)[number]

export interface User {
  name: string
  role: Role
  display_name?: string
}
