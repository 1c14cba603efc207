/** How the sync-health page writes numbers: rates in %, latencies in ms or s, ages and durations in the largest fitting unit. */

export const percent = (rate: number | null, digits = 2) => (rate === null ? '—' : `${(rate * 100).toFixed(digits)}%`)

export function millis(ms: number | null): string {
  if (ms === null) return '—'
  return ms >= 10_000 ? `${(ms / 1000).toFixed(1)} s` : `${Math.round(ms)} ms`
}

export const count = (n: number | null) => (n === null ? '—' : Math.round(n).toLocaleString('en-US'))

export interface DurationUnits {
  s: string
  min: string
  h: string
  d: string
}

const SYMBOLS: DurationUnits = { s: 's', min: 'min', h: 'h', d: 'd' }

/** Seconds as "45 s", "12 min", "3.5 h", "2.1 d", in the units given (the page's language). */
export function duration(seconds: number | null, units: DurationUnits = SYMBOLS): string {
  if (seconds === null) return '—'
  if (seconds < 90) return `${Math.round(seconds)} ${units.s}`
  if (seconds < 90 * 60) return `${Math.round(seconds / 60)} ${units.min}`
  if (seconds < 36 * 3600) return `${(seconds / 3600).toFixed(1)} ${units.h}`
  return `${(seconds / 86_400).toFixed(1)} ${units.d}`
}

/** An endpoint as one label: "wms → oms /callback/shipment". */
export const endpointLabel = (e: { source_system?: string; target_system: string; endpoint: string }) =>
  `${e.source_system ? `${e.source_system} → ` : ''}${e.target_system} ${e.endpoint}`
