import { createHash } from 'node:crypto'

export type AlertStatus = 'pending' | 'firing' | 'resolved' | 'inactive'

/** One episode of an alert: from the moment its condition held to its resolution. */
export interface AlertState {
  /** fingerprint + episode start: a resolved alert that comes back is a new episode. */
  id: string
  fingerprint: string
  labels: Record<string, string>
  annotations: Record<string, string>
  status: AlertStatus
  active_since: string
  fired_at: string | null
  resolved_at: string | null
  /** The last evaluation at which the condition held. */
  last_seen: string
  /** Set when the firing notification went out (or was recorded as failed after its retries). */
  notified_at: string | null
  resolve_notified_at: string | null
  version: number
}

/** What a rule says holds now: one per label set. */
export interface Signal {
  labels: Record<string, string>
  annotations: Record<string, string>
  /** How long the condition must hold before the alert fires. */
  forMs: number
}

export interface AlertChanges {
  /** Rows to write: every state that changed. */
  changed: AlertState[]
  fired: AlertState[]
  resolved: AlertState[]
}

/** Identity of an alert: its label set, whatever the order of the labels. */
export function alertFingerprint(labels: Record<string, string>): string {
  const canonical = JSON.stringify(Object.entries(labels).sort(([a], [b]) => (a < b ? -1 : 1)))
  return createHash('sha256').update(canonical).digest('hex').slice(0, 16)
}

/**
 * One evaluation at `at`, as Prometheus does it: a new condition is pending
 * until it has held for its rule's `for`, then fires; a firing alert whose
 * condition is gone resolves once it has stayed gone for `resolveAfterMs`
 * (so a flapping signal fires once and resolves once); a pending one whose
 * condition goes away is dropped.
 */
export function advanceAlerts(live: AlertState[], signals: Signal[], at: number, resolveAfterMs: number): AlertChanges {
  const now = new Date(at).toISOString()
  const byFingerprint = new Map(live.filter((a) => a.status === 'pending' || a.status === 'firing').map((a) => [a.fingerprint, a]))
  const changes: AlertChanges = { changed: [], fired: [], resolved: [] }
  const seen = new Set<string>()
  for (const signal of signals) {
    const fingerprint = alertFingerprint(signal.labels)
    if (seen.has(fingerprint)) continue
    seen.add(fingerprint)
    const prior = byFingerprint.get(fingerprint)
    const base: AlertState = prior
      ? { ...prior, annotations: signal.annotations, last_seen: now, version: Math.max(prior.version + 1, at) }
      : { id: `${fingerprint}-${at.toString(36)}`, fingerprint, labels: signal.labels, annotations: signal.annotations, status: 'pending', active_since: now, fired_at: null, resolved_at: null, last_seen: now, notified_at: null, resolve_notified_at: null, version: at }
    if (base.status === 'pending' && at - Date.parse(base.active_since) >= signal.forMs) {
      const fired = { ...base, status: 'firing' as const, fired_at: now }
      changes.changed.push(fired)
      changes.fired.push(fired)
    } else {
      changes.changed.push(base)
    }
  }
  for (const [fingerprint, alert] of byFingerprint) {
    if (seen.has(fingerprint)) continue
    if (alert.status === 'pending') {
      changes.changed.push({ ...alert, status: 'inactive', version: Math.max(alert.version + 1, at) })
    } else if (at - Date.parse(alert.last_seen) >= resolveAfterMs) {
      const resolved = { ...alert, status: 'resolved' as const, resolved_at: now, version: Math.max(alert.version + 1, at) }
      changes.changed.push(resolved)
      changes.resolved.push(resolved)
    }
  }
  return changes
}
