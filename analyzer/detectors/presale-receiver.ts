import { iso, window, type Detector, type FindingText } from './types.ts'

/**
 * Story 6: a receiver answering 503 in bursts on one endpoint; for presale
 * balance callbacks the mark is orders stuck in deposit_paid in OMS after
 * the channel says the balance was paid.
 */
export const presaleReceiverDetector: Detector = {
  pattern: 'presale_receiver',
  async detect(ctx) {
    const rows = await ctx.store.query<{ target_system: string; endpoint: string; unavailable: string; total: string; first: string; last: string }>(
      `SELECT target_system, endpoint, countIf(http_status = 503) AS unavailable, count() AS total, minIf(ts, http_status = 503) AS first, maxIf(ts, http_status = 503) AS last
       FROM interface_calls WHERE ts >= {since:DateTime64(3)} AND ts <= {at:DateTime64(3)}
       GROUP BY target_system, endpoint HAVING unavailable >= 5 AND unavailable / total >= 0.2`,
      window(ctx),
    )
    const findings = []
    for (const r of rows) {
      const [stuck] = await ctx.store.query<{ n: string; sample: string[] }>(
        `SELECT count() AS n, groupArray(5)(order_id) AS sample FROM (
           SELECT order_id, argMaxIf(state, event_time, system = 'oms') AS oms, argMaxIf(state, event_time, system = 'channel') AS channel
           FROM order_events WHERE presale AND event_time >= {since:DateTime64(3)} - INTERVAL 2 DAY AND event_time <= {at:DateTime64(3)} GROUP BY order_id)
         WHERE channel = 'balance_paid' AND oms = 'deposit_paid'`,
        window(ctx),
      )
      const presale = r.endpoint.includes('presale') || Number(stuck?.n ?? 0) > 0
      findings.push({
        pattern: presale ? 'presale_receiver' : 'receiver_unavailable',
        severity: 'critical' as const,
        scope: { target_system: r.target_system, endpoint: r.endpoint },
        first_seen: iso(r.first),
        last_seen: iso(r.last),
        ...receiverText(r, presale ? (stuck?.n ?? '0') : undefined),
        evidence: { unavailable: Number(r.unavailable), calls: Number(r.total), stuck_presale_orders: Number(stuck?.n ?? 0), sample_orders: stuck?.sample ?? [] },
      })
    }
    return findings
  },
}

/** `frozen`: presale orders stuck in deposit_paid, when the receiver is the presale one. */
function receiverText(r: { target_system: string; endpoint: string; unavailable: string; total: string }, frozen: string | undefined): FindingText {
  const head = `${r.target_system} ${r.endpoint}`
  if (frozen === undefined) {
    return {
      summary: `${head} answers 503 (${r.unavailable} of ${r.total})`,
      summary_zh: `${head} 返回 503（${r.total} 次中 ${r.unavailable} 次）`,
      fix: `Restore capacity behind ${r.endpoint} and replay the refused calls.`,
      fix_zh: `恢复 ${r.endpoint} 后端的处理能力，并重放被拒的调用。`,
    }
  }
  return {
    summary: `${head} answers 503 (${r.unavailable} of ${r.total}); ${frozen} presale orders frozen in deposit_paid after their balance was paid`,
    summary_zh: `${head} 返回 503（${r.total} 次中 ${r.unavailable} 次）；${frozen} 笔预售订单已付尾款，却仍卡在 deposit_paid`,
    fix: `Restore capacity behind ${r.endpoint} (autoscaling), map balance_paid to the balance logic (not the deposit one), replay the refused callbacks, and release stock for the frozen orders before it sells elsewhere.`,
    fix_zh: `恢复 ${r.endpoint} 后端的处理能力（自动扩容），将 balance_paid 映射到尾款逻辑（而非定金逻辑），重放被拒的回调，并在库存被其他订单卖掉之前为卡住的订单放出库存。`,
  }
}
