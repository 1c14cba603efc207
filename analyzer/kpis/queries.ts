/**
 * One SQL per KPI. Each returns rows (key, value, n) for the window
 * [{from}, {to}); `key` is the drill-down value ('all' without one). The
 * dimension reaches SQL only as one of the fixed expressions below, chosen
 * from an allow-list, never as text from the request.
 */
export const ORDER_DIMENSIONS = ['channel', 'department', 'warehouse', 'region'] as const
export const CALL_DIMENSIONS = ['channel', 'source_system', 'target_system', 'endpoint'] as const
export type Dimension = (typeof ORDER_DIMENSIONS)[number] | (typeof CALL_DIMENSIONS)[number]

export interface KpiQuery {
  dimensions: readonly Dimension[]
  sql(dimension: Dimension | undefined): string
}

const key = (dimension: Dimension | undefined) => (dimension ? `toString(${dimension})` : "'all'")
const WINDOW = (column: string) => `${column} >= {from:DateTime64(3)} AND ${column} < {to:DateTime64(3)}`

/** Orders paid in the window, with their drill-down attributes (presale orders count from the balance). */
const PAID = `SELECT order_id, min(event_time) AS paid_at, any(channel) AS channel, any(department) AS department, any(warehouse) AS warehouse, any(region) AS region
  FROM order_events WHERE system = 'channel' AND state IN ('paid', 'balance_paid') AND ${WINDOW('event_time')} GROUP BY order_id`

const firstOf = (system: string, state: string) =>
  `SELECT order_id, min(event_time) AS at FROM order_events WHERE system = '${system}' AND state = '${state}' AND order_id IN (SELECT order_id FROM paid) GROUP BY order_id`

const LEVELS = `['created','deposit_paid','paid','balance_paid','stock_locked','allocated','label_printed','packed','picked_up','in_transit','delivered','completed'], [0,0,1,1,1,1,1,1,2,2,3,3]`

export const KPI_QUERIES: Record<string, KpiQuery> = {
  pickup_within_4h: {
    dimensions: ORDER_DIMENSIONS,
    // Orders still inside their four hours are not judged yet; cancelled ones never will be.
    sql: (d) => `WITH paid AS (${PAID}), pick AS (${firstOf('tms', 'picked_up')})
      SELECT ${key(d)} AS key, countIf(pick.at > 0 AND pick.at - paid_at <= 14400) / nullIf(countIf(pick.at > 0 OR paid_at <= now64(3) - INTERVAL 4 HOUR), 0) AS value,
             countIf(pick.at > 0 OR paid_at <= now64(3) - INTERVAL 4 HOUR) AS n
      FROM paid LEFT JOIN pick USING order_id
      WHERE order_id NOT IN (SELECT order_id FROM order_events WHERE state = 'cancelled' AND order_id IN (SELECT order_id FROM paid))
      GROUP BY key`,
  },
  order_to_warehouse_minutes: {
    dimensions: ORDER_DIMENSIONS,
    sql: (d) => `WITH paid AS (${PAID}), wms AS (${firstOf('wms', 'allocated')})
      SELECT ${key(d)} AS key, avg(wms.at - paid_at) / 60 AS value, count() AS n FROM paid INNER JOIN wms USING order_id GROUP BY key`,
  },
  push_delay_minutes: {
    dimensions: ORDER_DIMENSIONS,
    sql: (d) => `WITH paid AS (${PAID}), locked AS (${firstOf('oms', 'stock_locked')}), wms AS (${firstOf('wms', 'allocated')})
      SELECT ${key(d)} AS key, avg(wms.at - locked.at) / 60 AS value, count() AS n FROM paid INNER JOIN locked USING order_id INNER JOIN wms USING order_id GROUP BY key`,
  },
  self_service_query_success: {
    dimensions: ['channel'],
    sql: (d) => `SELECT ${key(d)} AS key, countIf(found) / count() AS value, count() AS n FROM customer_queries WHERE self_service AND ${WINDOW('ts')} GROUP BY key`,
  },
  modification_audit_completeness: {
    dimensions: ORDER_DIMENSIONS,
    sql: (d) => `SELECT ${key(d)} AS key, countIf(length(changed_fields) > 0) / count() AS value, count() AS n FROM order_events WHERE manual_change AND ${WINDOW('event_time')} GROUP BY key`,
  },
  manual_intervention_ratio: {
    dimensions: ORDER_DIMENSIONS,
    sql: (d) => `SELECT ${key(d)} AS key, countIf(touched) / count() AS value, count() AS n FROM (
        SELECT order_id, any(channel) AS channel, any(department) AS department, any(warehouse) AS warehouse, any(region) AS region, max(manual_change) AS touched
        FROM order_events WHERE ${WINDOW('event_time')} GROUP BY order_id) GROUP BY key`,
  },
  call_success_rate: {
    dimensions: CALL_DIMENSIONS,
    sql: (d) => `SELECT ${key(d)} AS key, sumIf(calls, status_class IN ('2xx', '3xx')) / sum(calls) AS value, sum(calls) AS n
      FROM calls_per_minute WHERE ${WINDOW('minute')} GROUP BY key`,
  },
  status_consistency: {
    dimensions: ORDER_DIMENSIONS,
    // Same rule as the order trace: channel, OMS, WMS and courier compared on a coarse scale, each as
    // it stood at the end of the window; the warehouse's "picked_up" agrees with anything later; a
    // disagreement counts once it has stood 30 min (by the window's end, or the newest event if sooner).
    sql: (d) => `SELECT ${key(d)} AS key, 1 - countIf(bad) / count() AS value, count() AS n FROM (
        SELECT order_id, any(channel) AS channel, any(department) AS department, any(warehouse) AS warehouse, any(region) AS region,
          max(t) AS settled_at, groupArray(state) AS states, groupArray(system) AS systems,
          arrayMap(s -> transform(s, ${LEVELS}, -1), states) AS levels,
          arrayMax(levels) AS top,
          arrayFilter((l, s) -> l >= 0 AND NOT (s = 'wms' AND l = 2 AND top > 2), levels, systems) AS effective,
          arrayExists(s -> s IN ('cancelled', 'refund_requested', 'refunded', 'after_sales'), states) AS branch,
          if(branch, arrayExists((l, s) -> l >= 1 AND l < 3 AND NOT (s = 'wms' AND l = 2), levels, systems), length(effective) >= 1 AND arrayMin(effective) < top)
            AND settled_at < least({to:DateTime64(3)}, (SELECT max(event_time) FROM order_events)) - INTERVAL 30 MINUTE AS bad
        FROM (
          SELECT order_id, system, argMax(state, event_time) AS state, max(event_time) AS t,
                 any(channel) AS channel, any(department) AS department, any(warehouse) AS warehouse, any(region) AS region
          FROM order_events
          WHERE system IN ('channel', 'oms', 'wms', 'tms') AND event_time < {to:DateTime64(3)}
            AND order_id IN (SELECT order_id FROM order_events WHERE ${WINDOW('event_time')})
          GROUP BY order_id, system)
        GROUP BY order_id HAVING length(states) >= 2)
      GROUP BY key`,
  },
}
