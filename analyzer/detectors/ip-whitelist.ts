import { iso, RATE_LIMITED_SQL, window, type DetectedFinding, type Detector, type FindingText } from './types.ts'

/**
 * Story 1: calls from one client IP refused (4xx other than rate limiting)
 * where the same IP was answered before: a new whitelist that left it out.
 * Reads the per-minute rollup.
 */
export const ipWhitelistDetector: Detector = {
  pattern: 'ip_whitelist',
  async detect(ctx) {
    const rows = await ctx.store.query<{ source_system: string; target_system: string; endpoint: string; client_ip: string; refused: string; total: string; first: string; last: string }>(
      `SELECT source_system, target_system, endpoint, client_ip, sumIf(calls, refusal) AS refused, sumIf(calls, minute >= first_refusal) AS total,
              min(first_refusal) AS first, maxIf(minute, refusal) AS last
       FROM (SELECT *, minIf(minute, refusal) OVER (PARTITION BY source_system, target_system, endpoint, client_ip) AS first_refusal
             FROM (SELECT *, status_class = '4xx' AND NOT ${RATE_LIMITED_SQL} AS refusal FROM calls_per_minute
                   WHERE minute >= {since:DateTime64(3)} AND minute <= {at:DateTime64(3)} AND client_ip != ''))
       GROUP BY source_system, target_system, endpoint, client_ip
       -- Since the first refusal, (nearly) nothing from that IP gets through.
       HAVING refused >= 3 AND refused / total >= 0.8`,
      window(ctx),
    )
    const findings: DetectedFinding[] = []
    for (const r of rows) {
      const params = window(ctx, { t: r.target_system, e: r.endpoint, ip: r.client_ip })
      const [before] = await ctx.store.query<{ ok: string }>(
        `SELECT sum(calls) AS ok FROM calls_per_minute WHERE target_system = {t:String} AND endpoint = {e:String} AND client_ip = {ip:String} AND status_class = '2xx'
           AND minute >= {since:DateTime64(3)} - INTERVAL 24 HOUR AND minute < {first:DateTime64(3)}`,
        { ...params, first: r.first },
      )
      // Refused from the start is a misconfigured client, not a whitelist change.
      if (Number(before?.ok ?? 0) === 0) continue
      const samples = await ctx.store.query<{ order_id: string; ts: string; http_status: number; error_code: string; error_message: string }>(
        `SELECT order_id, ts, http_status, error_code, error_message FROM interface_calls
         WHERE target_system = {t:String} AND endpoint = {e:String} AND client_ip = {ip:String} AND ts >= {since:DateTime64(3)} AND ts <= {at:DateTime64(3)} AND http_status >= 400 AND http_status < 500 AND NOT ${RATE_LIMITED_SQL}
         ORDER BY ts LIMIT 5`,
        params,
      )
      findings.push({
        pattern: 'ip_whitelist',
        severity: 'critical',
        scope: { target_system: r.target_system, endpoint: r.endpoint, client_ip: r.client_ip },
        first_seen: iso(r.first),
        last_seen: iso(r.last),
        ...whitelistText(r, before!.ok),
        evidence: { refused: Number(r.refused), calls: Number(r.total), refused_share: Number(r.refused) / Number(r.total), answered_before: Number(before!.ok), samples },
      })
    }
    return findings
  },
}

interface Refusal { source_system: string; target_system: string; endpoint: string; client_ip: string; refused: string; total: string }

function whitelistText(r: Refusal, answeredBefore: string): FindingText {
  return {
    summary: `${r.target_system} refuses ${r.endpoint} from ${r.client_ip}: ${r.refused} of ${r.total} calls refused, after ${answeredBefore} answered in the day before`,
    summary_zh: `${r.target_system} 拒绝来自 ${r.client_ip} 的 ${r.endpoint} 调用：${r.total} 次中 ${r.refused} 次被拒，而前一天曾正常应答 ${answeredBefore} 次`,
    fix: `Add ${r.client_ip} (${r.source_system}) to ${r.target_system}'s IP whitelist, then replay the refused ${r.endpoint} calls so the orders they carry are updated.`,
    fix_zh: `将 ${r.client_ip}（${r.source_system}）加入 ${r.target_system} 的 IP 白名单，然后重放被拒的 ${r.endpoint} 调用，使其携带的订单得到更新。`,
  }
}
