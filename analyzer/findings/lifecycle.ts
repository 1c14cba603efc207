import { createHash } from 'node:crypto'
import type { Finding, Severity } from '../detectors/types.ts'

import type { StoredFinding } from './answer.ts'
export type { FindingStatus, StoredFinding } from './answer.ts'

export interface FindingChanges {
  opened: StoredFinding[]
  updated: StoredFinding[]
  ended: StoredFinding[]
}

const SEVERITY_RANK: Record<Severity, number> = { info: 0, warning: 1, critical: 2 }

export function fingerprintOf(pattern: string, scope: Record<string, string>): string {
  const canonical = JSON.stringify([pattern, Object.entries(scope).sort(([a], [b]) => (a < b ? -1 : 1))])
  return createHash('sha256').update(canonical).digest('hex').slice(0, 16)
}

/**
 * Moves findings through open → active → ended for one pass at `at`:
 * a reported finding with no live twin opens; one with a live twin keeps
 * that twin's identity and becomes active; a live finding no pass has
 * reported for `graceMs` ends (a flapping signal stays one finding).
 * Returns only what changed, as the rows to write.
 */
export function advanceFindings(live: StoredFinding[], reported: Finding[], at: number, graceMs: number): FindingChanges {
  const changes: FindingChanges = { opened: [], updated: [], ended: [] }
  const byFingerprint = new Map(live.filter((f) => f.status !== 'ended').map((f) => [f.fingerprint, f]))
  const now = new Date(at).toISOString()
  for (const finding of mergeSameIncident(reported)) {
    const fingerprint = fingerprintOf(finding.pattern, finding.scope)
    const twin = byFingerprint.get(fingerprint)
    if (twin) {
      byFingerprint.delete(fingerprint)
      changes.updated.push({
        ...twin,
        ...finding,
        first_seen: earlier(twin.first_seen, finding.first_seen),
        last_seen: later(twin.last_seen, finding.last_seen),
        status: 'active',
        evaluated_at: now,
        passes: twin.passes + 1,
        version: nextVersion(twin, at),
      })
    } else {
      changes.opened.push({ ...finding, finding_id: `${fingerprint}-${at.toString(36)}`, fingerprint, status: 'open', detected_at: now, evaluated_at: now, ended_at: null, passes: 1, version: at })
    }
  }
  for (const quiet of byFingerprint.values()) {
    if (at - Date.parse(quiet.evaluated_at) < graceMs) continue
    changes.ended.push({ ...quiet, status: 'ended', ended_at: now, version: nextVersion(quiet, at) })
  }
  return changes
}

/** Two reports of one incident in the same pass (same pattern and scope) count once, at the higher severity. */
function mergeSameIncident(reported: Finding[]): Finding[] {
  const merged = new Map<string, Finding>()
  for (const f of reported) {
    const key = fingerprintOf(f.pattern, f.scope)
    const seen = merged.get(key)
    if (!seen || SEVERITY_RANK[f.severity] > SEVERITY_RANK[seen.severity]) merged.set(key, f)
  }
  return [...merged.values()]
}

// Versions only grow, even when a replay evaluates an earlier moment than the last pass did.
const nextVersion = (f: StoredFinding, at: number) => Math.max(f.version + 1, at)
const earlier = (a: string, b: string) => (Date.parse(a) <= Date.parse(b) ? a : b)
const later = (a: string, b: string) => (Date.parse(a) >= Date.parse(b) ? a : b)
