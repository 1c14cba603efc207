import { iso, ts, window, type DetectedFinding, type Detector, type FindingText } from './types.ts'

/** Copies come a few at a time over the day: two within the hour make an incident. */
const LOOKBACK_MS = 3_600_000

/**
 * Story 7: orders keyed in again by hand. A creation that carries the
 * identifying fields (buyer, order time, items) from a system other than the
 * channel is a hand-keyed copy: the fingerprint folds an exact copy into the
 * same order id; a mistyped copy becomes a second order of the same buyer.
 */
export const manualDuplicatesDetector: Detector = {
  pattern: 'manual_duplicates',
  async detect(ctx) {
    const rows = await ctx.store.query<{ channel: string; copies: string; orders: string; systems: string[]; first: string; last: string; sample: string[] }>(
      `SELECT channel, count() AS copies, uniqExact(order_id) AS orders, groupUniqArray(system) AS systems,
              min(event_time) AS first, max(event_time) AS last, groupUniqArray(5)(order_id) AS sample
       FROM order_events
       WHERE state = 'created' AND system != 'channel' AND buyer_id != '' AND event_time >= {since:DateTime64(3)} AND event_time <= {at:DateTime64(3)}
       GROUP BY channel HAVING copies >= 2`,
      { at: ts(ctx.at), since: ts(ctx.at - Math.max(ctx.lookbackMs, LOOKBACK_MS)) },
    )
    const findings: DetectedFinding[] = []
    for (const r of rows) {
      const [day] = await ctx.store.query<{ copies: string; recreated: string; mistyped: string; net: string }>(
        `SELECT countIf(system != 'channel') AS copies,
                uniqExactIf(order_id, system != 'channel' AND order_id IN (SELECT order_id FROM order_events WHERE channel = {c:String} AND system = 'channel' AND state = 'created' AND event_time >= {at:DateTime64(3)} - INTERVAL 2 DAY)) AS recreated,
                uniqExactIf(order_id, system != 'channel' AND order_id NOT IN (SELECT order_id FROM order_events WHERE channel = {c:String} AND system = 'channel' AND state = 'created' AND event_time >= {at:DateTime64(3)} - INTERVAL 2 DAY)) AS mistyped,
                uniqExactIf(order_id, system = 'channel') AS net
         FROM order_events WHERE channel = {c:String} AND state = 'created' AND buyer_id != '' AND event_time >= {at:DateTime64(3)} - INTERVAL 1 DAY AND event_time <= {at:DateTime64(3)}`,
        window(ctx, { c: r.channel }),
      )
      const net = Number(day?.net ?? 0)
      const mistyped = Number(day?.mistyped ?? 0)
      findings.push({
        pattern: 'manual_duplicates',
        severity: net && mistyped / net > 0.05 ? 'critical' : 'warning',
        scope: { channel: r.channel },
        first_seen: iso(r.first),
        last_seen: iso(r.last),
        ...duplicatesText(r.channel, r.copies, r.systems, mistyped),
        evidence: { copies: Number(r.copies), orders: Number(r.orders), systems: r.systems, copies_last_day: Number(day?.copies ?? 0), recreated_orders_last_day: Number(day?.recreated ?? 0), mistyped_copies_last_day: mistyped, channel_orders_last_day: net, sample_orders: r.sample },
      })
    }
    return findings
  },
}

function duplicatesText(channel: string, copies: string, systems: string[], mistyped: number): FindingText {
  return {
    summary: `${copies} ${channel} orders keyed in again by hand (${systems.join(', ')}) in the last hour; over the day ${mistyped} copies carry a number no channel order has and inflate the order count`,
    summary_zh: `最近一小时有 ${copies} 笔 ${channel} 订单被人工重复录入（${systems.join('、')}）；当天有 ${mistyped} 笔副本的订单号在渠道中不存在，虚增了订单数`,
    fix: 'Make every entry point compute the global order fingerprint (channel order no + buyer + order time + item codes) and refuse a second creation; merge the mistyped copies before counting net orders.',
    fix_zh: '让所有录单入口计算全局订单指纹（渠道订单号 + 买家 + 下单时间 + 商品编码）并拒绝重复创建；统计净订单数前先合并录错的副本。',
  }
}
