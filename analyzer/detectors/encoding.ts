import { iso, ts, type Detector, type FindingText } from './types.ts'

/** Failures are rare (about 1% of a channel's orders) and silent: they are counted over a day, not the pass's window. */
const LOOKBACK_MS = 24 * 3_600_000
/** Still going on while a failure came in the last hours: at ~1% of orders they come far apart. */
const STILL_ON_MS = 6 * 3_600_000

/**
 * Story 2: order writes failing on characters the database cannot store
 * (latin1/utf8mb3 against rare characters), concentrated on one channel.
 */
export const encodingDetector: Detector = {
  pattern: 'encoding',
  async detect(ctx) {
    const rows = await ctx.store.query<{ channel: string; target_system: string; failures: string; orders: string[]; first: string; last: string; message: string }>(
      `SELECT channel, target_system, count() AS failures, groupUniqArray(10)(order_id) AS orders, min(ts) AS first, max(ts) AS last, any(error_message) AS message
       FROM interface_calls
       WHERE ts >= {since:DateTime64(3)} AND ts <= {at:DateTime64(3)} AND http_status >= 500
         AND (match(error_message, '(?i)incorrect string value|illegal mix of collations|invalid byte sequence|character set') OR error_code IN ('DB_WRITE_FAILED', 'ER_TRUNCATED_WRONG_VALUE_FOR_FIELD'))
       GROUP BY channel, target_system HAVING failures >= 1 AND max(ts) >= {recent:DateTime64(3)}`,
      { at: ts(ctx.at), since: ts(ctx.at - LOOKBACK_MS), recent: ts(ctx.at - Math.max(ctx.lookbackMs, STILL_ON_MS)) },
    )
    const findings = []
    for (const r of rows) {
      const [names] = await ctx.store.query<{ rare: string; total: string }>(
        `SELECT countIf(match(consignee_name || consignee_address, '[\\\\x{10000}-\\\\x{10FFFF}]') OR match(consignee_name, '[^\\\\x{0000}-\\\\x{00FF}]')) AS rare, count() AS total
         FROM (SELECT order_id, any(consignee_name) AS consignee_name, any(consignee_address) AS consignee_address FROM order_events WHERE order_id IN {ids:Array(String)} AND system = 'channel' GROUP BY order_id)`,
        { ids: r.orders },
      )
      findings.push({
        pattern: 'encoding',
        severity: 'warning' as const,
        scope: { channel: r.channel, target_system: r.target_system },
        first_seen: iso(r.first),
        last_seen: iso(r.last),
        ...encodingText(r.channel, r.target_system, r.failures),
        evidence: { failures: Number(r.failures), sample_orders: r.orders, sample_error: r.message, samples_with_non_latin1_names: Number(names?.rare ?? 0), samples_checked: Number(names?.total ?? 0) },
      })
    }
    return findings
  },
}

function encodingText(channel: string, target: string, failures: string): FindingText {
  return {
    summary: `${failures} ${channel} order writes into ${target} failed on characters the database cannot store`,
    summary_zh: `${channel} 有 ${failures} 笔订单写入 ${target} 失败：含数据库无法存储的字符`,
    fix: `Convert ${target}'s order tables to utf8mb4, pre-check payload encoding at intake, and put failed writes on a retry queue (3 tries, context kept); then re-import the ${failures} failed ${channel} orders.`,
    fix_zh: `将 ${target} 的订单表转为 utf8mb4，在接入时预检报文编码，并把写入失败的请求放入重试队列（重试 3 次，保留上下文）；然后重新导入 ${failures} 笔失败的 ${channel} 订单。`,
  }
}
