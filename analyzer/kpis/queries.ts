/**
 * One SQL per KPI. Each returns rows (key, b, value, n) for the window
 * [{from}, {to}): `key` is the drill-down value ('all' without one) and `b`
 * the time bucket, `intDiv(ms − {origin}, {bucket})` of the KPI's own time
 * column, so one scan gives the current and previous periods (two buckets of
 * the period's length) or a whole series. The dimension reaches SQL only as
 * one of the fixed column names below, chosen from an allow-list, never as
 * text from the request. KPIs over a shared source (sources.ts) are defined
 * by their aggregates, so computeKpis reads each source once for all of them.
 */
import { CALL_KPIS } from './queries-calls.ts'
import { EXCEPTION_KPIS } from './queries-exceptions.ts'
import { sharedKpi } from './sources.ts'
import { bucketOf, byKey, key, ORDER_DIMENSIONS, reached, WINDOW, type KpiQuery } from './sql.ts'

export { ORDER_DIMENSIONS, CALL_DIMENSIONS, VERDICT_DIMENSIONS, ALL_DIMENSIONS, type Dimension, type KpiQuery } from './sql.ts'

/** Not cancelled, and picked up or paid over four hours ago: an order that can be judged against the four hours. */
const JUDGED = `NOT cancelled AND (${reached('pick_at')} OR paid_at <= now64(3) - INTERVAL 4 HOUR)`
const BOTH = `${reached('wms_at')} AND ${reached('locked_at')}`

const ORDER_KPIS: Record<string, KpiQuery> = {
  // Orders still inside their four hours are not judged yet; cancelled ones never will be.
  pickup_within_4h: sharedKpi(
    'paid_orders',
    `countIf(NOT cancelled AND ${reached('pick_at')} AND pick_at - paid_at <= 14400) / nullIf(countIf(${JUDGED}), 0)`,
    `countIf(${JUDGED})`,
  ),
  order_to_warehouse_minutes: sharedKpi('paid_orders', `avgIf(wms_at - paid_at, ${reached('wms_at')}) / 60`, `countIf(${reached('wms_at')})`),
  push_delay_minutes: sharedKpi('paid_orders', `avgIf(wms_at - locked_at, ${BOTH}) / 60`, `countIf(${BOTH})`),
  // Of the orders with an event in the window (counted in the bucket of their first one), those a person changed there.
  manual_intervention_ratio: sharedKpi('window_orders', 'countIf(touched) / count()', 'count()'),
  // Orders whose systems can be compared, and of those the share that agree (rule: sources.ts WINDOW_ORDERS).
  status_consistency: sharedKpi('window_orders', '1 - countIf(compared AND desynced) / nullIf(countIf(compared), 0)', 'countIf(compared)'),
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
}

export const KPI_QUERIES: Record<string, KpiQuery> = { ...ORDER_KPIS, ...EXCEPTION_KPIS, ...CALL_KPIS }
