import type { KpiStatus, KpiUnit } from './types.ts'

export const KPIS_PATH = '/api/v1/kpis'

/** Card colours by status; the same four everywhere in the console. */
export const STATUS_COLOURS: Record<KpiStatus, string> = { healthy: '#2e9d5b', warning: '#d9822b', critical: '#d64545', no_data: '#8a8f98' }

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

/** The change against the previous window, in the KPI's own terms (percentage points for ratios). */
export function formatChange(change: number | null, unit: KpiUnit): string {
  if (change === null) return '—'
  const sign = change > 0 ? '+' : ''
  return unit === 'ratio' ? `${sign}${(change * 100).toFixed(2)} pp` : `${sign}${formatValue(change, unit)}`
}
