/** SQL fragments the KPI queries share; see queries.ts for the contract every query keeps. */

export const ORDER_DIMENSIONS = ['channel', 'department', 'warehouse', 'region'] as const
export const CALL_DIMENSIONS = ['channel', 'source_system', 'target_system', 'endpoint'] as const
export const VERDICT_DIMENSIONS = ['pattern'] as const
export const ALL_DIMENSIONS = [...new Set([...ORDER_DIMENSIONS, ...CALL_DIMENSIONS, ...VERDICT_DIMENSIONS])]
export type Dimension = (typeof ORDER_DIMENSIONS)[number] | (typeof CALL_DIMENSIONS)[number] | (typeof VERDICT_DIMENSIONS)[number]

export interface KpiQuery {
  dimensions: readonly Dimension[]
  sql(dimension: Dimension | undefined): string
}

/** The drill-down column (from the allow-list above) or one key for everything. */
export const key = (dimension: Dimension | undefined) => (dimension ? `toString(${dimension})` : "'all'")

export const WINDOW = (column: string) => `${column} >= {from:DateTime64(3)} AND ${column} < {to:DateTime64(3)}`

/** Bucket number of a time column: whole buckets of {bucket:Int64} ms since {origin:Int64} (epoch ms). */
export const bucketOf = (column: string, type: 'DateTime64' | 'DateTime' = 'DateTime64') =>
  `intDiv(${type === 'DateTime' ? `toInt64(toUnixTimestamp(${column})) * 1000` : `toUnixTimestamp64Milli(${column})`} - {origin:Int64}, {bucket:Int64})`

export const byKey = 'GROUP BY key, b'

/**
 * The moment up to which an order can be judged late: now, or the newest
 * stored event when the data stops earlier (a replayed or simulated history),
 * so orders are not called late for events that simply are not there yet.
 */
export const HORIZON = '(SELECT least(now64(3), max(event_time)) FROM order_events)'

/** Orders paid in the window (presale orders count from the balance). */
const PAID_IN_WINDOW = `SELECT order_id FROM order_events WHERE system = 'channel' AND state IN ('paid', 'balance_paid') AND ${WINDOW('event_time')}`

/**
 * Each order paid in the window with the moments of its later milestones
 * (1970 when not reached) and its drill-down attributes, from one scan:
 * nothing of a paid order happens before its payment, so the scan starts at
 * the window and the sort key prunes the rest of the history.
 */
export const PAID_ORDERS = `SELECT order_id,
    minIf(event_time, system = 'channel' AND state IN ('paid', 'balance_paid')) AS paid_at,
    minIf(event_time, system = 'oms' AND state = 'stock_locked') AS locked_at,
    minIf(event_time, system = 'wms' AND state = 'allocated') AS wms_at,
    minIf(event_time, system = 'tms' AND state = 'picked_up') AS pick_at,
    minIf(event_time, system = 'tms' AND state IN ('in_transit', 'delivered')) AS scan_at,
    max(state = 'cancelled') AS cancelled,
    max(state IN ('refund_requested', 'refunded')) AS refund,
    max(state = 'after_sales') AS after_sales,
    any(channel) AS channel, any(department) AS department, any(warehouse) AS warehouse, any(region) AS region
  FROM order_events
  WHERE event_time >= {from:DateTime64(3)} AND order_id IN (${PAID_IN_WINDOW})
  GROUP BY order_id
  HAVING ${WINDOW('paid_at')}`

/** Whether a milestone column of PAID_ORDERS was reached. */
export const reached = (column: string) => `toUnixTimestamp64Milli(${column}) > 0`
