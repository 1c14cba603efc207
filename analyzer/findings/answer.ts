/**
 * A finding as detectors report it and as the API answers it, declared once
 * with no code imports so the console can import it type-only (detectors/
 * and findings/ import the store and Node, which the console cannot type-check).
 */
export type Severity = 'critical' | 'warning' | 'info'

/** What a detector says: which pattern, where, since when, the evidence and what to do. */
export interface Finding {
  pattern: string
  severity: Severity
  /** dimension=value pairs locating it. */
  scope: Record<string, string>
  first_seen: string
  last_seen: string
  summary: string
  evidence: Record<string, unknown>
  fix: string
  /**
   * The summary and fix in Simplified Chinese, with the same numbers and
   * identifiers. Every detector writes them (see DetectedFinding); '' on
   * findings stored before migration 014, where readers show the English.
   */
  summary_zh?: string
  fix_zh?: string
}

export type FindingStatus = 'open' | 'active' | 'ended'

/** A finding as stored: the detector's words plus its identity and lifecycle. */
export interface StoredFinding extends Finding {
  finding_id: string
  /** Same pattern and scope, same fingerprint: the identity of an incident across passes. */
  fingerprint: string
  status: FindingStatus
  /** When a pass first reported it. */
  detected_at: string
  /** The last pass that reported it. */
  evaluated_at: string
  ended_at: string | null
  passes: number
  version: number
}

/** GET /api/v1/findings. */
export interface FindingListAnswer {
  findings: StoredFinding[]
  /** Every pattern a detector can report, for the console's filter. */
  patterns: string[]
}
