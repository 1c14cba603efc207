import type { Role } from './session.ts'

export interface NavItem {
  name: string
  path: string
  label: string
  roles: readonly Role[]
}

/**
 * The pages and who may open them (domain.md: SREs watch sync health,
 * managers read the cockpit, anyone traces an order; admins see everything). The menu shows only a
 * role's pages and the router refuses the others.
 */
export const NAV: readonly NavItem[] = [
  { name: 'sync-health', path: '/sync-health', label: 'nav.syncHealth', roles: ['sre', 'oncall', 'admin'] },
  { name: 'cockpit', path: '/cockpit', label: 'nav.cockpit', roles: ['manager', 'sre', 'admin'] },
  { name: 'trace', path: '/trace', label: 'nav.trace', roles: ['sre', 'manager', 'oncall', 'admin'] },
  { name: 'tickets', path: '/tickets', label: 'nav.tickets', roles: ['oncall', 'sre', 'manager', 'admin'] },
  { name: 'alerts', path: '/alerts', label: 'nav.alerts', roles: ['oncall', 'sre', 'manager', 'admin'] },
]

export const allowedFor = (role: Role | undefined): NavItem[] => NAV.filter((item) => !!role && item.roles.includes(role))

/** Where a role lands after logging in: its first page. */
export const homeFor = (role: Role | undefined): string => allowedFor(role)[0]?.path ?? '/login'
