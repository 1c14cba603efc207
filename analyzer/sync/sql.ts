/** What the sync-health queries share: the window's parameters, what a failed call is, the system filter. */

/** ClickHouse DateTime64 parameter text for an instant. */
export const chTime = (ms: number) => new Date(ms).toISOString().replace('T', ' ').replace('Z', '')

/** ClickHouse's 'YYYY-MM-DD hh:mm:ss[.fff]' (UTC) as ISO-8601. */
export const isoOf = (clickhouseTime: string) => new Date(clickhouseTime.replace(' ', 'T') + 'Z').toISOString()

export interface SyncWindow {
  from: number
  to: number
}

/** A call failed when it was not answered 2xx/3xx: the call_success_rate KPI's own rule (analyzer/kpis/queries-calls.ts). */
export const FAILED = "status_class NOT IN ('2xx', '3xx')"

/** The rollup's minutes in [from, to). */
export const IN_WINDOW = 'minute >= {from:DateTime64(3)} AND minute < {to:DateTime64(3)}'

/** Calls a system made or answered (the value is bound as {system:String}). */
export const SYSTEM_FILTER = '(source_system = {system:String} OR target_system = {system:String})'

export const windowParams = (w: SyncWindow, extra: Record<string, unknown> = {}) => ({ from: chTime(w.from), to: chTime(w.to), ...extra })

/** NaN and null (an average or a quantile over nothing) both mean no value. */
export const numberOrNull = (v: unknown): number | null => (v === null || v === undefined || Number.isNaN(Number(v)) ? null : Number(v))
