import { CronExpressionParser } from 'cron-parser'

/** One label condition: equal (or not), to a value or a regular expression (anchored, as Alertmanager's). */
export interface Matcher {
  name: string
  value: string
  isRegex?: boolean
  isEqual?: boolean
}

export interface Silence {
  id: string
  matchers: Matcher[]
  startsAt: string
  endsAt: string
  createdBy: string
  comment: string
}

/** A recurring window (e.g. the nightly WMS deploy) in which matching alerts are not notified. */
export interface MaintenanceWindow {
  name: string
  matchers: Matcher[]
  /** When each window starts (cron, in `timezone`). */
  cron: string
  durationMs: number
  timezone: string
}

export function matches(labels: Record<string, string>, matchers: Matcher[]): boolean {
  return matchers.every((m) => {
    const actual = labels[m.name] ?? ''
    const hit = m.isRegex ? new RegExp(`^(?:${m.value})$`).test(actual) : actual === m.value
    return (m.isEqual ?? true) ? hit : !hit
  })
}

/** The silence or window that mutes these labels at `at`, if any. */
export function mutedBy(labels: Record<string, string>, at: number, silences: Silence[], windows: MaintenanceWindow[]): string | undefined {
  const silence = silences.find((s) => Date.parse(s.startsAt) <= at && at < Date.parse(s.endsAt) && matches(labels, s.matchers))
  if (silence) return `silence ${silence.id}`
  const window = windows.find((w) => inWindow(w, at) && matches(labels, w.matchers))
  return window ? `maintenance window ${window.name}` : undefined
}

/** True when the latest start of the window's schedule at or before `at` is less than its duration ago. */
export function inWindow(window: MaintenanceWindow, at: number): boolean {
  const schedule = CronExpressionParser.parse(window.cron, { currentDate: new Date(at + 1), tz: window.timezone })
  const lastStart = schedule.prev().getTime()
  return at - lastStart < window.durationMs
}
