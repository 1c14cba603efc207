import { iso, ts, type Detector, type FindingText } from './types.ts'

/** How long systems may disagree before it is a desync (a callback and its retries land well within it). */
const TOLERANCE_MIN = 30

/**
 * Story 8: WMS says shipped while OMS still awaits shipment, for longer than
 * the tolerance: orders shipped per WMS over the last day that OMS has not
 * caught up with, per warehouse.
 */
export const statusDesyncDetector: Detector = {
  pattern: 'status_desync',
  async detect(ctx) {
    const rows = await ctx.store.query<{ warehouse: string; n: string; shipped_total: string; first: string; last: string; sample: string[] }>(
      `SELECT warehouse, countIf(oms_done = 0) AS n, count() AS shipped_total, minIf(shipped, oms_done = 0) AS first, maxIf(shipped, oms_done = 0) AS last,
              groupArrayIf(5)(order_id, oms_done = 0) AS sample FROM (
         SELECT order_id, anyIf(warehouse, warehouse != '') AS warehouse, minIf(event_time, system = 'wms' AND state = 'picked_up') AS shipped,
                countIf(system = 'oms' AND state IN ('picked_up', 'in_transit', 'delivered', 'completed', 'cancelled', 'refunded')) AS oms_done
         FROM order_events WHERE event_time >= {from:DateTime64(3)} AND event_time <= {at:DateTime64(3)} AND system IN ('wms', 'oms') GROUP BY order_id)
       WHERE shipped > {from:DateTime64(3)} AND shipped < {settled:DateTime64(3)}
       GROUP BY warehouse HAVING n >= 3`,
      { at: ts(ctx.at), from: ts(ctx.at - 24 * 3_600_000), settled: ts(ctx.at - TOLERANCE_MIN * 60_000) },
    )
    return rows.map((r) => ({
      pattern: 'status_desync',
      severity: Number(r.n) >= 50 ? ('critical' as const) : ('warning' as const),
      scope: { warehouse: r.warehouse, systems: 'wms>oms' },
      first_seen: new Date(Date.parse(iso(r.first)) + TOLERANCE_MIN * 60_000).toISOString(),
      last_seen: new Date(ctx.at).toISOString(),
      ...desyncText(r.warehouse, r.n),
      evidence: { orders: Number(r.n), shipped_per_wms: Number(r.shipped_total), tolerance_min: TOLERANCE_MIN, sample_orders: r.sample },
    }))
  },
}

function desyncText(warehouse: string, orders: string): FindingText {
  return {
    summary: `${orders} orders shipped from ${warehouse} per WMS in the last day are still awaiting shipment in OMS after ${TOLERANCE_MIN} min`,
    summary_zh: `最近一天 WMS 显示从 ${warehouse} 发出的 ${orders} 笔订单，超过 ${TOLERANCE_MIN} 分钟后在 OMS 中仍是待发货`,
    fix: `Find why ${warehouse}'s shipment updates do not reach OMS (callback errors, whitelist, mapping), replay them, and reconcile OMS against WMS for the affected orders.`,
    fix_zh: `排查 ${warehouse} 的发货更新为何没有到达 OMS（回调报错、白名单、状态映射），重放这些更新，并对受影响订单做 OMS 与 WMS 对账。`,
  }
}
