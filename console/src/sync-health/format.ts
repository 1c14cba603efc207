/** How the sync-health page writes numbers: rates in %, latencies in ms or s, ages and durations in the largest fitting unit. */

export const percent = (rate: number | null, digits = 2) => (rate === null ? '—' : `${(rate * 100).toFixed(digits)}%`)

export function millis(ms: number | null): string {
  if (ms === null) return '—'
  return ms >= 10_000 ? `${(ms / 1000).toFixed(1)} s` : `${Math.round(ms)} ms`
}

export const count = (n: number | null) => (n === null ? '—' : Math.round(n).toLocaleString('en-US'))

/** Seconds as "45 s", "12 min", "3.5 h", "2.1 d". */
export function duration(seconds: number | null): string {
  if (seconds === null) return '—'
  if (seconds < 90) return `${Math.round(seconds)} s`
  if (seconds < 90 * 60) return `${Math.round(seconds / 60)} min`
  if (seconds < 36 * 3600) return `${(seconds / 3600).toFixed(1)} h`
  return `${(seconds / 86_400).toFixed(1)} d`
}

/** An endpoint as one label: "wms → oms /callback/shipment". */
export const endpointLabel = (e: { source_system?: string; target_system: string; endpoint: string }) =>
  `${e.source_system ? `${e.source_system} → ` : ''}${e.target_system} ${e.endpoint}`
