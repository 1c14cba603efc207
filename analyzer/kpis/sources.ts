/**
 * The row sources several KPIs read: the window's paid orders, the orders
 * with an event in the window, and the per-minute call rollup. A KPI over a
 * source is defined by its aggregates (sharedKpi); computeKpis asks for all
 * the KPIs of one source in one scan (sharedSql).
 */
import { bucketOf, byKey, CALL_DIMENSIONS, HORIZON, key, ORDER_DIMENSIONS, TREND_PARAMS, WINDOW, type Dimension, type KpiQuery, type SharedMeasure, type SourceId } from './sql.ts'

const ZERO_TIME = "toDateTime64(0, 3, 'UTC')"

/**
 * Orders are grouped and joined by a 64-bit hash of their id: hashing a
 * number is about twice as fast as hashing the id string (measured on 14M
 * events), and two of a million orders colliding has odds near 1 in 10^7.
 */
const ORDER_KEY = 'cityHash64(order_id)'

/**
 * Orders that may have been paid in the window (presale orders count from the balance): a row of
 * order_facts holds the first payment among its part's events, so the part holding an order's first
 * payment names it; orders first paid earlier are dropped by the outer filter on the merged moment.
 * Read from order_facts rather than the raw events (measured ~30 % faster on 10 M events).
 */
const PAID_IN_WINDOW = `SELECT order_id FROM order_facts WHERE ${WINDOW('paid_at')}`

/**
 * Each order paid in the window with the moments of its later milestones
 * (1970 when not reached) and its drill-down attributes, from the per-order
 * rollup order_facts (migration 009) rather than the raw events; the inner
 * query's short names keep ClickHouse from reading an alias into its own aggregate.
 */
export const PAID_ORDERS = `SELECT ${['paid', 'locked', 'wms', 'pick', 'scan'].map((m) => `ifNull(${m}, ${ZERO_TIME}) AS ${m}_at`).join(', ')},
    c AS cancelled, r AS refund, a AS after_sales, ch AS channel, dep AS department, wh AS warehouse, reg AS region
  FROM (
    SELECT ${ORDER_KEY} AS oh, min(paid_at) AS paid, min(locked_at) AS locked, min(wms_at) AS wms, min(pick_at) AS pick, min(scan_at) AS scan,
      max(cancelled) AS c, max(refund) AS r, max(after_sales) AS a, any(channel) AS ch, any(department) AS dep, any(warehouse) AS wh, any(region) AS reg
    FROM order_facts WHERE order_id IN (${PAID_IN_WINDOW}) GROUP BY oh)
  WHERE paid >= {from:DateTime64(3)} AND paid < {to:DateTime64(3)}`

/**
 * Orders that may have an event in the window, each with all its rows: the row of order_facts holding
 * an event there has first_at before the window's end and last_at after its start. Aggregating these
 * orders instead of all of order_facts (the join then keeps the window's) measured 450 ms against
 * 750 ms on 10 M events.
 */
const TOUCHED_IN_WINDOW = `SELECT order_id FROM order_facts WHERE first_at < {to:DateTime64(3)} AND last_at >= {from:DateTime64(3)}`

/** The systems whose states are compared. */
const SYSTEMS = ['channel', 'oms', 'wms', 'tms'] as const

const LEVELS = `['created','deposit_paid','paid','balance_paid','stock_locked','allocated','label_printed','packed','picked_up','in_transit','delivered','completed'], [0,0,1,1,1,1,1,1,2,2,3,3]`

/**
 * Each order with an event in the window: the moment of its first one there
 * (`since`; a KPI set's window is two periods, previous and current, split at
 * {period}, and an order with events in both counts in each, as it would
 * asked for either period alone), whether a person changed it there (`touched`), and whether its
 * systems disagree (`compared`: at least two of channel, OMS, WMS, courier
 * have a state; `desynced`). The rule is the order trace's: states on a
 * coarse scale, each system at its latest state (order_facts keeps the
 * latest, so a past window is judged as the orders stand now); the
 * warehouse's "picked_up" agrees with anything later; a disagreement counts
 * once it has stood 30 min (by the window's end, or the newest event if
 * sooner); one column per compared system. The window's orders are the
 * join's build side; order_facts is read only for the orders its first/last
 * moments place in the window (TOUCHED_IN_WINDOW), not aggregated whole (an
 * IN filter on the window's raw events, which scans them a second time, was
 * measured slower).
 */
export const WINDOW_ORDERS = `SELECT *,
    ${SYSTEMS.map((x) => `transform(s_${x}, ${LEVELS}, -1) AS l_${x}`).join(', ')},
    ${SYSTEMS.map((x) => `(s_${x} != '')`).join(' + ')} >= 2 AS compared,
    greatest(${SYSTEMS.map((x) => `l_${x}`).join(', ')}) AS top,
    least(if(l_channel >= 0, l_channel, 99), if(l_oms >= 0, l_oms, 99), if(l_wms >= 0 AND NOT (l_wms = 2 AND top > 2), l_wms, 99), if(l_tms >= 0, l_tms, 99)) AS low,
    ${SYSTEMS.map((x) => `s_${x} IN ('cancelled', 'refund_requested', 'refunded', 'after_sales')`).join(' OR ')} AS branch,
    if(branch, (l_channel >= 1 AND l_channel < 3) OR (l_oms >= 1 AND l_oms < 3) OR l_wms = 1 OR (l_tms >= 1 AND l_tms < 3), low < 99 AND low < top)
      AND settled_at < least({to:DateTime64(3)}, ${HORIZON}) - INTERVAL 30 MINUTE AS desynced
  FROM (
    SELECT since, touched, settled_at, s_channel, s_oms, s_wms, s_tms,
      ch AS channel, dep AS department, wh AS warehouse, reg AS region
    FROM (
      SELECT ${ORDER_KEY} AS oh, max(compared_at) AS settled_at,
        argMaxMerge(channel_state) AS s_channel, argMaxMerge(oms_state) AS s_oms, argMaxMerge(wms_state) AS s_wms, argMaxMerge(tms_state) AS s_tms,
        any(channel) AS ch, any(department) AS dep, any(warehouse) AS wh, any(region) AS reg
      FROM order_facts WHERE order_id IN (${TOUCHED_IN_WINDOW}) GROUP BY oh) AS f
    INNER JOIN (
      SELECT ${ORDER_KEY} AS oh, event_time >= {period:DateTime64(3)} AS current, min(event_time) AS since, max(manual_change) AS touched
      FROM order_events WHERE ${WINDOW('event_time')} GROUP BY oh, current) AS w
    USING oh)`

/** FROM and time column of each source; every source has `horizon` in scope. */
const SOURCES: Record<SourceId, { from: string; time: string; type?: 'DateTime'; dimensions: readonly Dimension[] }> = {
  paid_orders: { from: `(${PAID_ORDERS})`, time: 'paid_at', dimensions: ORDER_DIMENSIONS },
  window_orders: { from: `(${WINDOW_ORDERS})`, time: 'since', dimensions: ORDER_DIMENSIONS },
  calls: { from: `calls_per_minute WHERE ${WINDOW('minute')}`, time: 'minute', type: 'DateTime', dimensions: CALL_DIMENSIONS },
}

/**
 * One scan of a source for several KPIs: columns value_i, n_i per measure (value, n when there is only one).
 * With `trend`, the same scan also groups the current period (b = 1) by the trend buckets
 * ({trend_origin}, {trend_bucket}): rows with `trend_row` = 1 carry the trend bucket in `h`
 * (−1 gathers the previous period's rows, which no trend shows). The scan, not the grouping, is
 * the cost, so the cards and their sparklines cost about one read of each source instead of two.
 */
export function sharedSql(source: SourceId, dimension: Dimension | undefined, measures: SharedMeasure[], trend = false): string {
  const columns = measures.map((m, i) => (measures.length === 1 ? `${m.value} AS value, ${m.n} AS n` : `${m.value} AS value_${i}, ${m.n} AS n_${i}`))
  const { from, time, type } = SOURCES[source]
  const buckets = trend
    ? `${bucketOf(time, type)} AS b, if(b = 1, ${bucketOf(time, type, TREND_PARAMS)}, -1) AS h, 1 - grouping(h) AS trend_row`
    : `${bucketOf(time, type)} AS b`
  return `WITH ${HORIZON} AS horizon
    SELECT ${key(dimension)} AS key, ${buckets}, ${columns.join(', ')}
    FROM ${from} ${trend ? 'GROUP BY GROUPING SETS ((key, b), (key, h))' : byKey}`
}

/** A KPI defined by its aggregates over a source. */
export const sharedKpi = (source: SourceId, value: string, n: string): KpiQuery => {
  const measure = { source, value, n }
  return { dimensions: SOURCES[source].dimensions, shared: measure, sql: (d) => sharedSql(source, d, [measure]) }
}
