import { iso, RATE_LIMITED_SQL, window, type Detector, type FindingText } from './types.ts'

/** Story 3: an API answering "rate limited" while the caller retries at once, without back-off. */
export const throttlingDetector: Detector = {
  pattern: 'throttling',
  async detect(ctx) {
    const rows = await ctx.store.query<{ source_system: string; target_system: string; limited: string; total: string; first: string; last: string }>(
      `SELECT source_system, target_system, sumIf(calls, status_class = '4xx' AND ${RATE_LIMITED_SQL}) AS limited, sum(calls) AS total,
              minIf(minute, status_class = '4xx' AND ${RATE_LIMITED_SQL}) AS first, maxIf(minute, status_class = '4xx' AND ${RATE_LIMITED_SQL}) AS last
       FROM calls_per_minute WHERE minute >= {since:DateTime64(3)} AND minute <= {at:DateTime64(3)}
       GROUP BY source_system, target_system HAVING limited >= 10 AND limited / total >= 0.05`,
      window(ctx),
    )
    const findings = []
    for (const r of rows) {
      const [gaps] = await ctx.store.query<{ retries: string; fast: string; p50: number }>(
        `SELECT count() AS retries, countIf(gap < 1000) AS fast, quantile(0.5)(gap) AS p50 FROM (
           SELECT retry_attempt, dateDiff('millisecond', lagInFrame(ts) OVER (PARTITION BY order_id, endpoint ORDER BY ts, retry_attempt ROWS BETWEEN 1 PRECEDING AND CURRENT ROW), ts) AS gap
           FROM interface_calls WHERE target_system = {t:String} AND ts >= {since:DateTime64(3)} AND ts <= {at:DateTime64(3)} AND order_id != '')
         WHERE retry_attempt > 0`,
        window(ctx, { t: r.target_system }),
      )
      const noBackoff = Number(gaps?.retries ?? 0) > 0 && Number(gaps!.fast) / Number(gaps!.retries) > 0.5
      findings.push({
        pattern: 'throttling',
        severity: noBackoff ? ('critical' as const) : ('warning' as const),
        scope: { source_system: r.source_system, target_system: r.target_system },
        first_seen: iso(r.first),
        last_seen: iso(r.last),
        ...throttlingText(r, noBackoff),
        evidence: { limited: Number(r.limited), calls: Number(r.total), limited_share: Number(r.limited) / Number(r.total), retries: Number(gaps?.retries ?? 0), retries_within_1s: Number(gaps?.fast ?? 0), median_retry_gap_ms: gaps?.p50 ?? null },
      })
    }
    return findings
  },
}

function throttlingText(r: { source_system: string; target_system: string; limited: string; total: string }, noBackoff: boolean): FindingText {
  return {
    summary: `${r.target_system} rate-limits ${r.source_system}: ${r.limited} of ${r.total} calls${noBackoff ? ', retried within a second without back-off' : ''}`,
    summary_zh: `${r.target_system} 对 ${r.source_system} 限流：${r.total} 次调用中 ${r.limited} 次被限流${noBackoff ? '，且在 1 秒内立即重试、没有退避' : ''}`,
    fix: `Make ${r.source_system} back off exponentially with jitter on rate-limit answers, degrade (pull less often, in smaller pages) and spread the pulls over time; ask ${r.target_system} for a higher quota if the volume is legitimate.`,
    fix_zh: `让 ${r.source_system} 在收到限流应答时做带随机抖动的指数退避，并降级（降低拉取频率、减小分页）、把拉取分散到不同时间；如调用量合理，向 ${r.target_system} 申请提高配额。`,
  }
}
