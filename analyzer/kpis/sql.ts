/** SQL fragments the KPI queries share; see queries.ts for the contract every query keeps. */

export const ORDER_DIMENSIONS = ['channel', 'department', 'warehouse', 'region'] as const
export const CALL_DIMENSIONS = ['channel', 'source_system', 'target_system', 'endpoint'] as const
export const VERDICT_DIMENSIONS = ['pattern'] as const
export const ALL_DIMENSIONS = [...new Set([...ORDER_DIMENSIONS, ...CALL_DIMENSIONS, ...VERDICT_DIMENSIONS])]
export type Dimension = (typeof ORDER_DIMENSIONS)[number] | (typeof CALL_DIMENSIONS)[number] | (typeof VERDICT_DIMENSIONS)[number]

export interface KpiQuery {
  dimensions: readonly Dimension[]
  sql(dimension: Dimension | undefined): string
  /** The KPI's aggregates over its source: the KPIs of one source are read in one scan (sources.ts). */
  measure: Measure
}

export type SourceId = 'paid_orders' | 'window_orders' | 'calls' | 'self_service_queries' | 'manual_changes' | 'judged_findings'

/** Aggregate expressions over a source's rows giving a KPI's value and the count behind it. */
export interface Measure {
  source: SourceId
  value: string
  n: string
}

/** The drill-down column (from the allow-list above) or one key for everything. */
export const key = (dimension: Dimension | undefined) => (dimension ? `toString(${dimension})` : "'all'")

export const WINDOW = (column: string) => `${column} >= {from:DateTime64(3)} AND ${column} < {to:DateTime64(3)}`

/**
 * Bucket number of a time column: whole buckets of {bucket:Int64} ms since {origin:Int64} (epoch ms);
 * `params` names another pair, e.g. the trend buckets a KPI set reads in the same scan (sources.ts).
 */
export const bucketOf = (column: string, type: 'DateTime64' | 'DateTime' = 'DateTime64', params = { origin: 'origin', bucket: 'bucket' }) =>
  `intDiv(${type === 'DateTime' ? `toInt64(toUnixTimestamp(${column})) * 1000` : `toUnixTimestamp64Milli(${column})`} - {${params.origin}:Int64}, {${params.bucket}:Int64})`

/** The query parameters of the trend buckets read alongside the period buckets: the whole's, and each breakdown value's. */
export const TREND_PARAMS = { origin: 'trend_origin', bucket: 'trend_bucket' } as const
export const SPLIT_TREND_PARAMS = { origin: 'split_origin', bucket: 'split_bucket' } as const

/**
 * What one scan of a source is grouped by: the whole window (key
 * 'all'), the values of a drill-down dimension, or both; each optionally also
 * by trend bucket within the current period. Grouping the same scan several
 * ways costs little next to reading it again.
 */
export interface ScanShape {
  totals: boolean
  dimension?: Dimension
  /** The whole's points, in the buckets of TREND_PARAMS. */
  trend?: boolean
  /** Each dimension value's points, in the buckets of SPLIT_TREND_PARAMS. */
  splitTrend?: boolean
}

/**
 * The moment up to which an order can be judged late: now, or the newest
 * stored event when the data stops earlier (a replayed or simulated history),
 * so orders are not called late for events that simply are not there yet.
 */
export const HORIZON = '(SELECT least(now64(3), max(event_time)) FROM order_events)'

/** Whether a milestone column was reached. */
export const reached = (column: string) => `toUnixTimestamp64Milli(${column}) > 0`
