import { ts, type DetectedFinding, type Detector, type DetectorContext, type FindingText } from './types.ts'

/** Windows a surge is looked for in: a short one finds a big surge fast, a longer one a small channel's. */
const WINDOWS_MIN = [10, 30, 60]
const HISTORY_DAYS = 7
/** domain.md's example is +300%; 2.5× the usual already needs review. */
const RATIO = 2.5
/** z-score the excess must reach, so a quiet channel's few extra orders are not a surge. */
const MIN_Z = 5
const MIN_ORDERS = 20

interface WindowCount {
  channel: string
  w: number
  now_n: string
}

/**
 * Story 9: new orders per channel far above the same time of day on previous
 * days — the median over up to a week of days that have data for that slot,
 * so one bad day in the history does not move it.
 */
export const trafficSurgeDetector: Detector = {
  pattern: 'traffic_surge',
  async detect(ctx) {
    const current = await countByWindow(ctx, 0)
    const history = await Promise.all(Array.from({ length: HISTORY_DAYS }, (_, i) => countByWindow(ctx, i + 1)))
    const covered = await daysWithData(ctx)
    const findings: DetectedFinding[] = []
    for (const channel of new Set(current.map((c) => c.channel))) {
      const best = WINDOWS_MIN.map((w) => {
        const now = Number(current.find((c) => c.channel === channel && c.w === w)?.now_n ?? 0)
        const past = history.slice(0, covered).map((day) => Number(day.find((c) => c.channel === channel && c.w === w)?.now_n ?? 0))
        const expected = past.length ? median(past) : undefined
        return { w, now, expected, z: expected === undefined ? 0 : surgeZ(now, expected, past.length) }
      }).find((x) => x.expected !== undefined && x.now >= MIN_ORDERS && x.now >= RATIO * Math.max(x.expected, 1) && x.z >= MIN_Z)
      if (!best) continue
      const ratio = best.now / Math.max(best.expected!, 1)
      findings.push({
        pattern: 'traffic_surge',
        severity: ratio >= 4 ? 'critical' : 'warning',
        scope: { channel },
        first_seen: new Date(ctx.at - best.w * 60_000).toISOString(),
        last_seen: new Date(ctx.at).toISOString(),
        ...surgeText(channel, best.now, best.w, Math.round(best.expected!), ratio.toFixed(1)),
        evidence: { window_min: best.w, orders: best.now, expected: best.expected, ratio, z: best.z, baseline_days: covered },
      })
    }
    return findings
  },
}

function surgeText(channel: string, orders: number, windowMin: number, usual: number, ratio: string): FindingText {
  return {
    summary: `${channel}: ${orders} new orders in ${windowMin} min against ${usual} usual at this time (${ratio}×)`,
    summary_zh: `${channel}：${windowMin} 分钟内新增 ${orders} 笔订单，而该时段通常只有 ${usual} 笔（${ratio} 倍）`,
    fix: `Circuit breaker: pause sync of ${channel} orders and ask for review (test orders from a promotion page bug look like this); resume once the orders are confirmed real.`,
    fix_zh: `熔断：暂停同步 ${channel} 的订单并提交人工审核（促销页面缺陷产生的测试订单就是这种形态）；确认订单真实后再恢复同步。`,
  }
}

/** New orders per channel in each window ending `daysBack` days before the pass. */
async function countByWindow(ctx: DetectorContext, daysBack: number): Promise<WindowCount[]> {
  const end = ctx.at - daysBack * 86_400_000
  // One count per window of WINDOWS_MIN (numbers from code, never from input), in one scan of the longest.
  const counts = WINDOWS_MIN.map((w) => `countIf(event_time > {end:DateTime64(3)} - INTERVAL ${w} MINUTE) AS n${w}`).join(', ')
  const rows = await ctx.store.query<Record<string, string>>(
    `SELECT channel, ${counts}
     FROM order_events
     WHERE system = 'channel' AND state = 'created' AND event_time > {end:DateTime64(3)} - INTERVAL {longest:UInt32} MINUTE AND event_time <= {end:DateTime64(3)}
     GROUP BY channel`,
    { end: ts(end), longest: Math.max(...WINDOWS_MIN) },
  )
  return rows.flatMap((r) => WINDOWS_MIN.map((w) => ({ channel: r.channel!, w, now_n: r[`n${w}`]! })))
}

/** How many previous days have data for the whole longest window (a store younger than a day has none). */
async function daysWithData(ctx: DetectorContext): Promise<number> {
  const [row] = await ctx.store.query<{ first: string | null }>(
    `SELECT toUnixTimestamp64Milli(min(event_time)) AS first FROM order_events WHERE system = 'channel' AND state = 'created' AND event_time > {from:DateTime64(3)}`,
    { from: ts(ctx.at - (HISTORY_DAYS + 1) * 86_400_000) },
  )
  const first = Number(row?.first ?? ctx.at)
  const longest = Math.max(...WINDOWS_MIN) * 60_000
  return Math.max(0, Math.min(HISTORY_DAYS, Math.floor((ctx.at - longest - first) / 86_400_000)))
}

/**
 * Both counts are Poisson: the current one with variance `now`, the baseline
 * (a median of `days` days) with about `expected / days`. With one day of
 * history the baseline is as noisy as the count it is compared with.
 */
function surgeZ(now: number, expected: number, days: number): number {
  return (now - expected) / Math.sqrt(Math.max(now + expected / days, 1))
}

function median(values: number[]): number {
  const s = [...values].sort((a, b) => a - b)
  const mid = Math.floor(s.length / 2)
  return s.length % 2 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2
}
