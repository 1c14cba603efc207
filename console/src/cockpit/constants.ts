import type { KpiStatus, KpiUnit } from './types.ts'

export const KPIS_PATH = '/api/v1/kpis'
export const REPORT_PATH = '/api/v1/reports/consistency'
export const ATTRIBUTION_PATH = '/api/v1/attribution'

/** KPI statuses, the one needing attention first. */
export const STATUS_URGENCY: Record<KpiStatus, number> = { critical: 0, warning: 1, healthy: 2, no_data: 3 }

/** Card colours by status; the same four everywhere in the console. */
export const STATUS_COLOURS: Record<KpiStatus, string> = { healthy: '#2e9d5b', warning: '#d9822b', critical: '#d64545', no_data: '#8a8f98' }

/** The business dimensions a manager drills down by (the API's order dimensions); a KPI is offered only those it supports. */
export const DRILL_DIMENSIONS = ['channel', 'department', 'warehouse', 'region'] as const
export type DrillDimension = (typeof DRILL_DIMENSIONS)[number]
export const DEFAULT_DIMENSION: DrillDimension = 'channel'

/** The drill-down dimension a URL value names, the default for anything else. */
export const drillDimension = (value: string | undefined): DrillDimension =>
  (DRILL_DIMENSIONS as readonly string[]).includes(value ?? '') ? (value as DrillDimension) : DEFAULT_DIMENSION

/**
 * The attribution metric (analyzer/attribution/metrics.ts) that explains a
 * KPI's change, where one reads the same rows with the same ratio (checked
 * in tests/cockpit-api.test.ts: the metric's total is the KPI's value). The
 * other KPIs are built on per-order milestones (order_facts) or latency
 * digests that attribution does not read; the page says so plainly.
 */
export const KPI_ATTRIBUTION: Record<string, string> = {
  call_success_rate: 'call_success_rate',
  modification_audit_completeness: 'audit_completeness',
  self_service_query_success: 'self_service_query_success',
}

/**
 * What a KPI's change is measured against when explained: the API's default
 * (the same window on each of the previous 7 days, median per leaf: immune
 * to the daily rhythm) or the previous period the cards compare with.
 */
export const BASELINES = ['days', 'previous'] as const
export type Baseline = (typeof BASELINES)[number]

export function baselineQuery(baseline: Baseline, window: { from: string; to: string }): { baseline_from?: string; baseline_to?: string } {
  if (baseline === 'days') return {}
  const from = Date.parse(window.from)
  return { baseline_from: new Date(from - (Date.parse(window.to) - from)).toISOString(), baseline_to: new Date(from).toISOString() }
}

export const DAY_MS = 86_400_000

/** The China-local calendar day (the consistency report's day) of an instant. */
export function chinaDate(ms: number): string {
  return new Date(ms + 8 * 3_600_000).toISOString().slice(0, 10)
}

/** A KPI value as people read it: ratios in %, durations with their unit. */
export function formatValue(value: number | null, unit: KpiUnit): string {
  if (value === null) return '—'
  switch (unit) {
    case 'ratio':
      return `${(value * 100).toFixed(2)}%`
    case 'minutes':
      return `${value.toFixed(1)} min`
    case 'ms':
      return `${Math.round(value)} ms`
    case 'count':
      return Math.round(value).toLocaleString()
  }
}

/** Half the smallest change each unit is shown with: a change below it is shown as 0 and is no trend. */
const SHOWN_PRECISION: Record<KpiUnit, number> = { ratio: 0.00005, minutes: 0.05, ms: 0.5, count: 0.5 }

/** The change against the previous window, in the KPI's own terms (percentage points for ratios); never "-0.00". */
export function formatChange(change: number | null, unit: KpiUnit): string {
  if (change === null) return '—'
  const shown = Math.abs(change) < SHOWN_PRECISION[unit] ? 0 : change
  const sign = shown > 0 ? '+' : shown < 0 ? '-' : ''
  const size = Math.abs(shown)
  return unit === 'ratio' ? `${sign}${(size * 100).toFixed(2)} pp` : `${sign}${formatValue(size, unit)}`
}

/** Whether a change is for the better, given the KPI's direction; one too small to show is flat. */
export function trendOf(change: number | null, direction: 'higher' | 'lower', unit: KpiUnit): 'better' | 'worse' | 'flat' {
  if (change === null || Math.abs(change) < SHOWN_PRECISION[unit]) return 'flat'
  return (change > 0) === (direction === 'higher') ? 'better' : 'worse'
}

/**
 * How clearly a ratio KPI moved: the change in standard errors of a
 * proportion over its n samples. A KPI on 38 samples moving 1.3 points is
 * noise; one on 10,000 moving 1.2 points is news, and is the one to explain.
 */
export function changeSignificance(kpi: { value: number | null; change: number | null; n: number; unit: KpiUnit }): number {
  if (kpi.change === null || kpi.value === null) return 0
  if (kpi.unit !== 'ratio') return Math.abs(kpi.change)
  const p = Math.min(Math.max(kpi.value, 0.001), 0.999)
  return Math.abs(kpi.change) / Math.sqrt((p * (1 - p)) / Math.max(kpi.n, 1))
}

/** A share of the change as the API gives it (1 = all of it), in percent. */
export const formatShare = (share: number) => `${(share * 100).toFixed(1)}%`
