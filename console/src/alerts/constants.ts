import type { Role } from '../session.ts'
import type { AlertState, Matcher } from './types.ts'

export const ALERTS_PATH = '/api/v1/alerts'
export const SILENCES_PATH = '/api/v1/silences'
export const silencePath = (id: string) => `${SILENCES_PATH}/${encodeURIComponent(id)}`

// The API's rule (alerts/routes/alerts.ts): SRE, on-call and admin create and expire silences.
const SILENCERS: readonly Role[] = ['sre', 'oncall', 'admin']
export const maySilence = (role: Role | undefined) => !!role && SILENCERS.includes(role)

/** When the alert started to matter: when it fired, else when its condition first held (pending). */
export const sinceOf = (a: AlertState) => a.fired_at ?? a.active_since

/** A silence for exactly this alert: every label matched as is. */
export const matchersOf = (labels: Record<string, string>): Matcher[] => Object.entries(labels).map(([name, value]) => ({ name, value }))

export const endsAfter = (hours: number, now: number = Date.now()) => new Date(now + hours * 3_600_000).toISOString()

export const matcherText = (m: Matcher) => `${m.name}${m.isEqual === false ? '!' : ''}${m.isRegex ? '=~' : '='}${m.value}`

/**
 * Where an alert's evidence opens. A ticket's API path (ticket reminders and escalations) would answer 401 in a
 * new tab (no token there), so it opens the ticket on the console's board instead; other links are kept.
 */
export function evidenceHref(url: string): string {
  const ticket = /^\/api\/v1\/tickets\/([^/?#]+)$/.exec(url)
  return ticket ? `/tickets?ticket=${ticket[1]}` : url
}
