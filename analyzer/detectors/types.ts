import type { Store } from '../../core/store/index.ts'

import type { Finding } from '../findings/answer.ts'
export type { Finding, Severity } from '../findings/answer.ts'

export interface DetectorContext {
  store: Store
  /** The moment of evaluation, epoch ms (now, or a past moment for replays and tests). */
  at: number
  /** How far back a pass looks. */
  lookbackMs: number
}

/** A finding's words in both console languages, built from the same values so they cannot drift apart. */
export interface FindingText {
  summary: string
  summary_zh: string
  fix: string
  fix_zh: string
}

/** What a detector reports: a Finding whose Chinese texts are required, not optional. */
export type DetectedFinding = Finding & FindingText

export interface Detector {
  pattern: string
  detect(ctx: DetectorContext): Promise<DetectedFinding[]>
}

/** ClickHouse DateTime64 parameter text for an instant. */
export const ts = (ms: number) => new Date(ms).toISOString().replace('T', ' ').replace('Z', '')

/** `at` and `since` as query parameters, the window every detector reads. */
export const window = (ctx: DetectorContext, extra: Record<string, unknown> = {}) => ({ at: ts(ctx.at), since: ts(ctx.at - ctx.lookbackMs), ...extra })

export const iso = (clickhouseTime: string) => new Date(clickhouseTime.replace(' ', 'T') + 'Z').toISOString()

/** Rate-limit answers, whatever the platform calls them (HTTP 429, Taobao's isv.*-limited, "throttled"). */
export const RATE_LIMITED_SQL = `(error_code = '429' OR error_code ILIKE '%limit%' OR error_code ILIKE '%throttl%')`

/** The value of `key` holding more than `share` of the total, if one does: a finding's scope narrows to it. */
export function dominant<T>(rows: T[], value: (r: T) => string, count: (r: T) => number, share = 0.8): string | undefined {
  const total = rows.reduce((sum, r) => sum + count(r), 0)
  const top = [...rows].sort((a, b) => count(b) - count(a))[0]
  return top && value(top) && count(top) > share * total ? value(top) : undefined
}
