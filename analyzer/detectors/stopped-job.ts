import { CronExpressionParser } from 'cron-parser'
import { iso, ts, type DetectedFinding, type Detector, type FindingText } from './types.ts'

/** A run reports its heartbeat when it starts; allow this much past its due time before calling it missed. */
const GRACE_MS = 90_000

interface JobRow {
  job: string
  channel: string
  schedule: string
  last: string
  interval_s: number
  runs: string
  rows_moved: string
}

/**
 * Story 4: a scheduled job whose heartbeat is missing past its schedule.
 * The due time comes from the cron schedule the job reports with each run
 * (a clock jump makes cron think its time has not come); a job without one
 * is judged by its own usual interval over the previous day.
 */
export const stoppedJobDetector: Detector = {
  pattern: 'stopped_job',
  async detect(ctx) {
    const rows = await ctx.store.query<JobRow>(
      `SELECT job, any(channel) AS channel, argMax(schedule, started_at) AS schedule, max(started_at) AS last,
              quantileExact(0.5)(gap) AS interval_s, count() AS runs, sum(rows_moved) AS rows_moved FROM (
         SELECT job, channel, schedule, started_at, rows_moved,
                dateDiff('second', lagInFrame(started_at) OVER (PARTITION BY job ORDER BY started_at ROWS BETWEEN 1 PRECEDING AND CURRENT ROW), started_at) AS gap,
                row_number() OVER (PARTITION BY job ORDER BY started_at) AS rn
         FROM job_runs WHERE started_at >= {day:DateTime64(3)} AND started_at <= {at:DateTime64(3)})
       WHERE rn > 1 GROUP BY job HAVING runs >= 6`,
      { day: ts(ctx.at - 24 * 3_600_000), at: ts(ctx.at) },
    )
    const findings: DetectedFinding[] = []
    for (const r of rows) {
      const last = Date.parse(iso(r.last))
      const due = nextDue(r, last)
      const silentMs = ctx.at - last
      if (ctx.at <= due + GRACE_MS) continue
      const missed = Math.max(1, Math.floor(silentMs / (r.interval_s * 1000)))
      findings.push({
        pattern: 'stopped_job',
        severity: 'critical',
        scope: { job: r.job, ...(r.channel ? { channel: r.channel } : {}) },
        first_seen: new Date(due).toISOString(),
        last_seen: new Date(ctx.at).toISOString(),
        ...stoppedText(r, Math.round(silentMs / 60_000), missed),
        evidence: { last_run: iso(r.last), due_at: new Date(due).toISOString(), schedule: r.schedule, usual_interval_s: r.interval_s, silent_for_s: Math.round(silentMs / 1000), runs_in_previous_day: Number(r.runs), rows_moved_in_previous_day: Number(r.rows_moved) },
      })
    }
    return findings
  },
}

function stoppedText(r: JobRow, silentMin: number, missed: number): FindingText {
  const everyMin = Math.round(r.interval_s / 60)
  return {
    summary: `${r.job} has not run for ${silentMin} min (about ${missed} missed runs of ${r.schedule || `every ${everyMin} min`})`,
    summary_zh: `${r.job} 已 ${silentMin} 分钟没有运行（按${r.schedule ? ` ${r.schedule} ` : `每 ${everyMin} 分钟一次`}的调度，约错过 ${missed} 次）`,
    fix: `Check the host running ${r.job} (cron daemon, clock/NTP: a clock jump makes cron believe its time has not come), run the job by hand to pull what waits, and alert on heartbeat staleness.`,
    fix_zh: `检查运行 ${r.job} 的主机（cron 守护进程、时钟/NTP：时钟跳变会让 cron 以为还没到运行时间），手动运行该任务拉取积压的数据，并为心跳超时配置告警。`,
  }
}

/** When the run after `last` was due: by the job's cron schedule, or its usual interval when it reports none. */
function nextDue(job: JobRow, last: number): number {
  if (job.schedule) {
    try {
      return CronExpressionParser.parse(job.schedule, { currentDate: new Date(last + 1000), tz: 'UTC' }).next().getTime()
    } catch {
      // An unreadable schedule falls back to the job's observed rhythm.
    }
  }
  return last + job.interval_s * 1000
}
