/**
 * KPIs about orders that broke their promise or left the happy path, and
 * the accuracy people grant the detectors' findings. Contract: queries.ts.
 */
import { kpiOver } from './sources.ts'
import { reached, type KpiQuery } from './sql.ts'

const HOUR_S = 3600

/**
 * The promise dates of a paid order (domain.md): in the warehouse within
 * 2 h of payment (an automated pipeline averages ~1.2 h), picked up within
 * 24 h, and a courier scan within 36 h of pick-up (story 10).
 */
export const PROMISES = { warehouseS: 2 * HOUR_S, pickupS: 24 * HOUR_S, scanAfterPickupS: 36 * HOUR_S, stuckS: 48 * HOUR_S } as const

/** Seconds from `start` to `moment`, or waited so far (to the horizon) when it has not happened. */
const waited = (moment: string, start: string) => `(if(${reached(moment)}, ${moment}, horizon) - ${start})`

export const EXCEPTION_KPIS: Record<string, KpiQuery> = {
  // Paid in the window, not cancelled, and past any promise: late into the warehouse, late to be
  // picked up, or no courier scan after pick-up. An order still inside its promise is not late yet.
  delayed_orders: kpiOver(
    'paid_orders',
    `countIf(NOT cancelled AND (${waited('wms_at', 'paid_at')} > ${PROMISES.warehouseS}
             OR ${waited('pick_at', 'paid_at')} > ${PROMISES.pickupS}
             OR (${reached('pick_at')} AND ${waited('scan_at', 'pick_at')} > ${PROMISES.scanAfterPickupS})))`,
    'countIf(NOT cancelled)',
  ),
  // Of the orders paid in the window, those that ended in an exception branch: cancelled after
  // payment, refund requested or refunded, an after-sales case, or stuck (no pick-up 48 h after payment).
  exception_ratio: kpiOver(
    'paid_orders',
    `countIf(cancelled OR refund OR after_sales OR ${waited('pick_at', 'paid_at')} > ${PROMISES.stuckS}) / count()`,
    'count()',
  ),
  // Findings raised in the window that people have judged: each one's latest verdict counts.
  attribution_accuracy: kpiOver('judged_findings', "countIf(latest = 'correct') / count()", 'count()'),
}
