/** SQL fragments the KPI queries share; see queries.ts for the contract every query keeps. */

export const ORDER_DIMENSIONS = ['channel', 'department', 'warehouse', 'region'] as const
export const CALL_DIMENSIONS = ['channel', 'source_system', 'target_system', 'endpoint'] as const
export const VERDICT_DIMENSIONS = ['pattern'] as const
export const ALL_DIMENSIONS = [...new Set([...ORDER_DIMENSIONS, ...CALL_DIMENSIONS, ...VERDICT_DIMENSIONS])]
export type Dimension = (typeof ORDER_DIMENSIONS)[number] | (typeof CALL_DIMENSIONS)[number] | (typeof VERDICT_DIMENSIONS)[number]

export interface KpiQuery {
  dimensions: readonly Dimension[]
  sql(dimension: Dimension | undefined): string
  /** A KPI over the paid orders of the window: its aggregates, so several such KPIs share one scan. */
  paidOrders?: PaidOrderMeasure
}

/** Aggregate expressions over PAID_ORDERS rows (with `horizon` in scope) giving a KPI's value and count. */
export interface PaidOrderMeasure {
  value: string
  n: string
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

const ZERO_TIME = "toDateTime64(0, 3, 'UTC')"

/** Orders paid in the window (presale orders count from the balance). */
const PAID_IN_WINDOW = `SELECT order_id FROM order_events WHERE system = 'channel' AND state IN ('paid', 'balance_paid') AND ${WINDOW('event_time')}`

/**
 * Each order paid in the window with the moments of its later milestones
 * (1970 when not reached) and its drill-down attributes, from the per-order
 * rollup order_facts (migration 009) rather than the raw events; the inner
 * query's short names keep ClickHouse from reading an alias into its own aggregate.
 */
export const PAID_ORDERS = `SELECT order_id, ${['paid', 'locked', 'wms', 'pick', 'scan'].map((m) => `ifNull(${m}, ${ZERO_TIME}) AS ${m}_at`).join(', ')},
    c AS cancelled, r AS refund, a AS after_sales, ch AS channel, dep AS department, wh AS warehouse, reg AS region
  FROM (
    SELECT order_id, min(paid_at) AS paid, min(locked_at) AS locked, min(wms_at) AS wms, min(pick_at) AS pick, min(scan_at) AS scan,
      max(cancelled) AS c, max(refund) AS r, max(after_sales) AS a, any(channel) AS ch, any(department) AS dep, any(warehouse) AS wh, any(region) AS reg
    FROM order_facts WHERE order_id IN (${PAID_IN_WINDOW}) GROUP BY order_id)
  WHERE paid >= {from:DateTime64(3)} AND paid < {to:DateTime64(3)}`

/**
 * Each order with an event in the window, the moment of its first one there
 * (`since`), and every compared system's latest state (channel, OMS, WMS,
 * courier; '' when it has none) from order_facts. The window's orders are the
 * join's build side: ClickHouse's runtime join filter then skips other orders
 * while scanning order_facts (measured faster than an IN filter, which scans
 * the window's events a second time).
 */
export const ORDER_STATES = `SELECT order_id, since, settled_at, [s_channel, s_oms, s_wms, s_tms] AS latest,
    ch AS channel, dep AS department, wh AS warehouse, reg AS region
  FROM (
    SELECT order_id, max(compared_at) AS settled_at,
      argMaxMerge(channel_state) AS s_channel, argMaxMerge(oms_state) AS s_oms, argMaxMerge(wms_state) AS s_wms, argMaxMerge(tms_state) AS s_tms,
      any(channel) AS ch, any(department) AS dep, any(warehouse) AS wh, any(region) AS reg
    FROM order_facts GROUP BY order_id) AS f
  INNER JOIN (SELECT order_id, min(event_time) AS since FROM order_events WHERE ${WINDOW('event_time')} GROUP BY order_id) AS w
  USING order_id`

/** Whether a milestone column of PAID_ORDERS was reached. */
export const reached = (column: string) => `toUnixTimestamp64Milli(${column}) > 0`

/**
 * One scan of the paid orders for several KPIs at once: columns value_i, n_i
 * for each measure (value, n when there is only one).
 */
export function paidOrdersSql(dimension: Dimension | undefined, measures: PaidOrderMeasure[]): string {
  const columns = measures.map((m, i) => (measures.length === 1 ? `${m.value} AS value, ${m.n} AS n` : `${m.value} AS value_${i}, ${m.n} AS n_${i}`))
  return `WITH ${HORIZON} AS horizon
    SELECT ${key(dimension)} AS key, ${bucketOf('paid_at')} AS b, ${columns.join(', ')}
    FROM (${PAID_ORDERS}) ${byKey}`
}

/** A KPI defined by its aggregates over the window's paid orders. */
export const paidOrderKpi = (measure: PaidOrderMeasure): KpiQuery => ({
  dimensions: ORDER_DIMENSIONS,
  paidOrders: measure,
  sql: (d) => paidOrdersSql(d, [measure]),
})
