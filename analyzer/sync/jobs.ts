import type { Store } from '../../core/store/index.ts'
import { streak, usualInterval, GRACE_MS, type Run } from './job-streak.ts'
import { chTime, isoOf, numberOrNull, type SyncWindow } from './sql.ts'
import type { JobHealth, JobsAnswer } from './types.ts'

const DAY = 86_400_000
/** How far back a job's last run, last success and streak are looked for, whatever the window. */
const LOOKBACK_MS = 7 * DAY
/** Newest runs per job a streak is counted over (a week of a 5-minute job is 2016). */
const STREAK_RUNS = 2100

interface JobRow {
  job: string
  schedule: string
  channel: string
  host: string
  last_run: string
  last_status: string
  last_success: string
  runs: string
  failures: string
  avg_duration_ms: number | null
  rows_moved: string
}

/** Per job over the look-back, and its window figures (runs, failures, duration, volume) from the same scan. FINAL: a re-sent heartbeat counts once. */
const JOBS_SQL = `
  SELECT job, argMax(schedule, started_at) AS schedule, argMax(channel, started_at) AS channel, argMax(host, started_at) AS host,
         max(started_at) AS last_run, argMax(status, started_at) AS last_status, maxIf(started_at, status = 'success') AS last_success,
         countIf(started_at >= {from:DateTime64(3)}) AS runs, countIf(started_at >= {from:DateTime64(3)} AND status != 'success') AS failures,
         avgIf(duration_ms, started_at >= {from:DateTime64(3)}) AS avg_duration_ms, sumIf(rows_moved, started_at >= {from:DateTime64(3)}) AS rows_moved
  FROM job_runs FINAL
  WHERE started_at >= {since:DateTime64(3)} AND started_at < {to:DateTime64(3)}
  GROUP BY job`

const RUNS_SQL = `
  SELECT job, toUnixTimestamp64Milli(started_at) AS t, status = 'success' AS ok
  FROM job_runs FINAL
  WHERE started_at >= {since:DateTime64(3)} AND started_at < {to:DateTime64(3)}
  ORDER BY job, started_at DESC
  LIMIT {cap:UInt32} BY job`

/**
 * Scheduled jobs as of the window's end: last run and last success (with
 * its age), the streak of successful runs up to then, whether the next run
 * is overdue by the job's schedule, and in the window its runs, failures,
 * average duration and rows moved. A job that stopped before the window
 * still shows, from the look-back.
 */
export async function jobHealth(store: Store, w: SyncWindow): Promise<JobsAnswer> {
  const since = Math.min(w.from, w.to - LOOKBACK_MS)
  const params = { from: chTime(w.from), to: chTime(w.to), since: chTime(since), cap: STREAK_RUNS }
  const [rows, runRows] = await Promise.all([store.query<JobRow>(JOBS_SQL, params), store.query<{ job: string; t: string; ok: number | boolean }>(RUNS_SQL, params)])
  const runsOf = new Map<string, Run[]>()
  for (const r of runRows) runsOf.set(r.job, [{ started_at: Number(r.t), success: Boolean(Number(r.ok)) }, ...(runsOf.get(r.job) ?? [])])
  const jobs = rows.map((row) => judge(row, runsOf.get(row.job) ?? [], w.to, since))
  jobs.sort((a, b) => rank(a) - rank(b) || a.job.localeCompare(b.job))
  return { from: new Date(w.from).toISOString(), to: new Date(w.to).toISOString(), jobs }
}

/** Overdue first, then those whose last run failed, then the rest. */
const rank = (j: JobHealth) => (j.overdue ? 0 : j.last_status !== 'success' ? 1 : 2)

const timeOrNull = (t: string) => (t && Date.parse(isoOf(t)) > 0 ? isoOf(t) : null)

function judge(row: JobRow, runs: Run[], at: number, since: number): JobHealth {
  const s = streak(runs, row.schedule, at)
  const lastSuccess = timeOrNull(row.last_success)
  const interval = usualInterval(runs) ?? 0
  // Every fetched run is in the streak, and older runs exist or may exist before what was fetched.
  const capped = s.count > 0 && s.count === runs.length && (runs.length >= STREAK_RUNS || runs[0]!.started_at - since <= interval + GRACE_MS)
  return {
    job: row.job,
    channel: row.channel,
    host: row.host,
    schedule: row.schedule,
    last_run: timeOrNull(row.last_run),
    last_status: row.last_status || null,
    last_success: lastSuccess,
    last_success_age_s: lastSuccess ? Math.round((at - Date.parse(lastSuccess)) / 1000) : null,
    consecutive_successes: s.count,
    consecutive_capped: capped,
    next_due: s.due === null ? null : new Date(s.due).toISOString(),
    overdue: s.overdue,
    runs: Number(row.runs),
    failures: Number(row.failures),
    avg_duration_ms: Number(row.runs) > 0 ? numberOrNull(row.avg_duration_ms) : null,
    rows_moved: Number(row.rows_moved),
  }
}
