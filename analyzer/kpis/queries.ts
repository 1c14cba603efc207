/**
 * One SQL per KPI. Each returns rows (key, b, value, n) for the window
 * [{from}, {to}): `key` is the drill-down value ('all' without one) and `b`
 * the time bucket, `intDiv(ms − {origin}, {bucket})` of the KPI's own time
 * column, so one scan gives the current and previous periods (two buckets of
 * the period's length) or a whole series. The dimension reaches SQL only as
 * one of the fixed column names below, chosen from an allow-list, never as
 * text from the request.
 */
import { CALL_KPIS } from './queries-calls.ts'
import { EXCEPTION_KPIS } from './queries-exceptions.ts'
import { ORDER_DIMENSIONS, type KpiQuery } from './sql.ts'
import { bucketOf, byKey, HORIZON, key, ORDER_STATES, paidOrderKpi, reached, WINDOW } from './sql.ts'

/** Not cancelled, and picked up or paid over four hours ago: an order that can be judged against the four hours. */
const JUDGED = `NOT cancelled AND (${reached('pick_at')} OR paid_at <= now64(3) - INTERVAL 4 HOUR)`
const BOTH = `${reached('wms_at')} AND ${reached('locked_at')}`

export { ORDER_DIMENSIONS, CALL_DIMENSIONS, VERDICT_DIMENSIONS, ALL_DIMENSIONS, type Dimension, type KpiQuery } from './sql.ts'

const LEVELS = `['created','deposit_paid','paid','balance_paid','stock_locked','allocated','label_printed','packed','picked_up','in_transit','delivered','completed'], [0,0,1,1,1,1,1,1,2,2,3,3]`

const ORDER_KPIS: Record<string, KpiQuery> = {
  // Orders still inside their four hours are not judged yet; cancelled ones never will be.
  pickup_within_4h: paidOrderKpi({
    value: `countIf(NOT cancelled AND ${reached('pick_at')} AND pick_at - paid_at <= 14400) / nullIf(countIf(${JUDGED}), 0)`,
    n: `countIf(${JUDGED})`,
  }),
  order_to_warehouse_minutes: paidOrderKpi({ value: `avgIf(wms_at - paid_at, ${reached('wms_at')}) / 60`, n: `countIf(${reached('wms_at')})` }),
  push_delay_minutes: paidOrderKpi({ value: `avgIf(wms_at - locked_at, ${BOTH}) / 60`, n: `countIf(${BOTH})` }),
  self_service_query_success: {
    dimensions: ['channel'],
    sql: (d) => `SELECT ${key(d)} AS key, ${bucketOf('ts')} AS b, countIf(found) / count() AS value, count() AS n
      FROM customer_queries WHERE self_service AND ${WINDOW('ts')} ${byKey}`,
  },
  modification_audit_completeness: {
    dimensions: ORDER_DIMENSIONS,
    sql: (d) => `SELECT ${key(d)} AS key, ${bucketOf('event_time')} AS b, countIf(length(changed_fields) > 0) / count() AS value, count() AS n
      FROM order_events WHERE manual_change AND ${WINDOW('event_time')} ${byKey}`,
  },
  manual_intervention_ratio: {
    dimensions: ORDER_DIMENSIONS,
    // An order counts once, in the bucket of its first event in the window.
    sql: (d) => `SELECT ${key(d)} AS key, ${bucketOf('first_at')} AS b, countIf(touched) / count() AS value, count() AS n FROM (
        SELECT order_id, min(event_time) AS first_at, any(channel) AS channel, any(department) AS department, any(warehouse) AS warehouse, any(region) AS region,
               max(manual_change) AS touched
        FROM order_events WHERE ${WINDOW('event_time')} GROUP BY order_id) ${byKey}`,
  },
  status_consistency: {
    dimensions: ORDER_DIMENSIONS,
    // Same rule as the order trace: channel, OMS, WMS and courier compared on a coarse scale, each at
    // its latest state (order_facts keeps the latest, so a past window is judged as the orders stand
    // now); the warehouse's "picked_up" agrees with anything later; a disagreement counts once it has
    // stood 30 min (by the window's end, or the newest event if sooner). An order counts in the bucket
    // of its first event in the window.
    sql: (d) => `SELECT ${key(d)} AS key, ${bucketOf('since')} AS b, 1 - countIf(bad) / count() AS value, count() AS n FROM (
        SELECT *, arrayFilter(s -> s != '', latest) AS states, arrayFilter((y, s) -> s != '', ['channel', 'oms', 'wms', 'tms'], latest) AS systems,
          arrayMap(s -> transform(s, ${LEVELS}, -1), states) AS levels,
          arrayMax(levels) AS top,
          arrayFilter((l, s) -> l >= 0 AND NOT (s = 'wms' AND l = 2 AND top > 2), levels, systems) AS effective,
          arrayExists(s -> s IN ('cancelled', 'refund_requested', 'refunded', 'after_sales'), states) AS branch,
          if(branch, arrayExists((l, s) -> l >= 1 AND l < 3 AND NOT (s = 'wms' AND l = 2), levels, systems), length(effective) >= 1 AND arrayMin(effective) < top)
            AND settled_at < least({to:DateTime64(3)}, ${HORIZON}) - INTERVAL 30 MINUTE AS bad
        FROM (${ORDER_STATES}) WHERE length(states) >= 2)
      ${byKey}`,
  },
}

export const KPI_QUERIES: Record<string, KpiQuery> = { ...ORDER_KPIS, ...EXCEPTION_KPIS, ...CALL_KPIS }
