/**
 * Each KPI is its aggregates (value and the count behind it) over one of the
 * row sources of sources.ts, whose SQL returns rows (key, b, value, n) for the
 * window [{from}, {to}): `key` is the drill-down value ('all' without one) and
 * `b` the time bucket, `intDiv(ms − {origin}, {bucket})` of the source's time
 * column, so one scan gives the current and previous periods (two buckets of
 * the period's length) or a whole series. The dimension reaches SQL only as
 * one of the fixed column names, chosen from an allow-list, never as text
 * from the request. computeKpis reads each source once for all its KPIs.
 */
import { CALL_KPIS } from './queries-calls.ts'
import { EXCEPTION_KPIS } from './queries-exceptions.ts'
import { kpiOver } from './sources.ts'
import { reached, type KpiQuery } from './sql.ts'

export { ORDER_DIMENSIONS, CALL_DIMENSIONS, VERDICT_DIMENSIONS, ALL_DIMENSIONS, type Dimension, type KpiQuery } from './sql.ts'

/** Not cancelled, and picked up or paid over four hours ago: an order that can be judged against the four hours. */
const JUDGED = `NOT cancelled AND (${reached('pick_at')} OR paid_at <= now64(3) - INTERVAL 4 HOUR)`
const BOTH = `${reached('wms_at')} AND ${reached('locked_at')}`

const ORDER_KPIS: Record<string, KpiQuery> = {
  // Orders still inside their four hours are not judged yet; cancelled ones never will be.
  pickup_within_4h: kpiOver(
    'paid_orders',
    `countIf(NOT cancelled AND ${reached('pick_at')} AND pick_at - paid_at <= 14400) / nullIf(countIf(${JUDGED}), 0)`,
    `countIf(${JUDGED})`,
  ),
  order_to_warehouse_minutes: kpiOver('paid_orders', `avgIf(wms_at - paid_at, ${reached('wms_at')}) / 60`, `countIf(${reached('wms_at')})`),
  push_delay_minutes: kpiOver('paid_orders', `avgIf(wms_at - locked_at, ${BOTH}) / 60`, `countIf(${BOTH})`),
  // Of the orders with an event in the window (counted in the bucket of their first one), those a person changed there.
  manual_intervention_ratio: kpiOver('window_orders', 'countIf(touched) / count()', 'count()'),
  // Orders whose systems can be compared, and of those the share that agree (rule: sources.ts WINDOW_ORDERS).
  status_consistency: kpiOver('window_orders', '1 - countIf(compared AND desynced) / nullIf(countIf(compared), 0)', 'countIf(compared)'),
  self_service_query_success: kpiOver('self_service_queries', 'countIf(found) / count()', 'count()'),
  modification_audit_completeness: kpiOver('manual_changes', 'countIf(length(changed_fields) > 0) / count()', 'count()'),
}

export const KPI_QUERIES: Record<string, KpiQuery> = { ...ORDER_KPIS, ...EXCEPTION_KPIS, ...CALL_KPIS }
