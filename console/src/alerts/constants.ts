import type { Role } from '../session.ts'
import type { AlertState, Matcher, Silence } from './types.ts'

export const ALERTS_PATH = '/api/v1/alerts'
export const SILENCES_PATH = '/api/v1/silences'
export const silencePath = (id: string) => `${SILENCES_PATH}/${encodeURIComponent(id)}`
/** Resolved alerts shown below the firing ones: the most recent (the API lists newest first). */
export const RESOLVED_SHOWN = 25

// The API's rule (alerts/routes/alerts.ts CHANGERS): SRE, on-call and admin create and expire silences.
const SILENCERS: readonly Role[] = ['sre', 'oncall', 'admin']
export const maySilence = (role: Role | undefined) => !!role && SILENCERS.includes(role)

/** When the alert started to matter: when it fired, else when its condition first held (pending). */
export const sinceOf = (a: AlertState) => a.fired_at ?? a.active_since

/** How long it has been firing (up to now), or how long it fired (up to its resolution). */
export const lastedMs = (a: AlertState, now: number) => (a.resolved_at ? Date.parse(a.resolved_at) : now) - Date.parse(sinceOf(a))

/** "2d 3h", "1h 05m", "12m", "<1m". */
export function span(ms: number): string {
  const minutes = Math.floor(Math.max(ms, 0) / 60_000)
  if (minutes < 1) return '<1m'
  if (minutes < 60) return `${minutes}m`
  const hours = Math.floor(minutes / 60)
  return hours < 48 ? `${hours}h ${String(minutes % 60).padStart(2, '0')}m` : `${Math.floor(hours / 24)}d ${hours % 24}h`
}

/** The severity label (critical / warning / info), for the row's colour; unknown ones read as info. */
export const severityOf = (a: AlertState) => (['critical', 'warning', 'info'].includes(a.labels.severity ?? '') ? a.labels.severity! : 'info')

/** Critical first, then warning, then info; within a severity the API's order (newest first). */
export const bySeverity = (alerts: AlertState[]) => {
  const rank = { critical: 0, warning: 1, info: 2 } as Record<string, number>
  return [...alerts].sort((a, b) => rank[severityOf(a)]! - rank[severityOf(b)]!)
}

/** A silence for this alert: the chosen labels matched as they are. */
export const matchersOf = (labels: Record<string, string>, names: string[] = Object.keys(labels)): Matcher[] =>
  names.filter((name) => name in labels).map((name) => ({ name, value: labels[name]! }))

export const endsAfter = (hours: number, now: number = Date.now()) => new Date(now + hours * 3_600_000).toISOString()

export const matcherText = (m: Matcher) => `${m.name}${m.isEqual === false ? '!' : ''}${m.isRegex ? '=~' : '='}${m.value}`

/** Whether a label set matches every matcher (regexes anchored, as Alertmanager's), to mark a silenced alert. */
export function matchesAll(labels: Record<string, string>, matchers: Matcher[]): boolean {
  return matchers.every((m) => {
    const value = labels[m.name] ?? ''
    let hit = value === m.value
    if (m.isRegex) {
      try {
        hit = new RegExp(`^(?:${m.value})$`).test(value)
      } catch {
        hit = false
      }
    }
    return m.isEqual === false ? !hit : hit
  })
}

/** The silence in force now that mutes the alert, if any. */
export const silenceOf = (a: AlertState, silences: Silence[], now: number) =>
  silences.find((s) => Date.parse(s.startsAt) <= now && Date.parse(s.endsAt) > now && matchesAll(a.labels, s.matchers))

/**
 * Where an alert's evidence opens. A ticket's API path (ticket reminders and escalations) would answer 401 in a
 * new tab (no token there), so it opens the ticket on the console's board instead; other links are kept.
 */
export function evidenceHref(url: string): string {
  const ticket = /^\/api\/v1\/tickets\/([^/?#]+)$/.exec(url)
  return ticket ? `/tickets?ticket=${ticket[1]}` : url
}
