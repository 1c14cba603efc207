import { CronExpressionParser } from 'cron-parser'
import { LRUCache } from 'lru-cache'

/** A run starts when it is due (its heartbeat); allow this much before calling the due run missed (the stopped-job detector's grace). */
export const GRACE_MS = 90_000

export interface Run {
  started_at: number
  success: boolean
}

/**
 * Due moments already worked out, by schedule and run start: they never change, so a refresh works out only its
 * new runs'. cron-parser's next() costs ~30 µs and the jobs panel judges a week of runs (~2,000 per 5-minute job):
 * ~200 ms per request before this. Bounded: a few views' worth of jobs × a week of runs.
 */
const dueByRun = new LRUCache<string, number>({ max: 50_000 })

/**
 * When the run after one started at `last` was due: by the job's cron
 * schedule (UTC, as the stopped-job detector reads it), else by its usual
 * interval; null when neither is known. The schedule is parsed once and the
 * expression reset per run: parsing per run cost ~40 µs × a week of runs.
 */
export function dueClock(schedule: string, usualIntervalMs: number | null): (last: number) => number | null {
  if (schedule) {
    try {
      const expression = CronExpressionParser.parse(schedule, { tz: 'UTC' })
      return (last) => {
        const key = `${schedule}\n${last}`
        let due = dueByRun.get(key)
        if (due === undefined) {
          expression.reset(new Date(last + 1000))
          due = expression.next().getTime()
          dueByRun.set(key, due)
        }
        return due
      }
    } catch {
      // An unreadable schedule falls back to the job's observed rhythm.
    }
  }
  return (last) => (usualIntervalMs ? last + usualIntervalMs : null)
}

/** The median gap between runs, oldest first; null with fewer than two runs. */
export function usualInterval(runs: Run[]): number | null {
  const gaps = runs.slice(1).map((r, i) => r.started_at - runs[i]!.started_at).sort((a, b) => a - b)
  return gaps.length ? gaps[Math.floor(gaps.length / 2)]! : null
}

/**
 * Successful runs in a row up to `at`, newest back. A failed run ends the
 * streak, and so does a missed one: a run due (plus grace) before the next
 * one started, or before `at` after the newest run. Runs are oldest first.
 */
export function streak(runs: Run[], schedule: string, at: number): { count: number; overdue: boolean; due: number | null } {
  const nextDue = dueClock(schedule, usualInterval(runs))
  const newest = runs.at(-1)
  if (!newest) return { count: 0, overdue: false, due: null }
  const due = nextDue(newest.started_at)
  const overdue = due !== null && at > due + GRACE_MS
  if (overdue) return { count: 0, overdue, due }
  let count = 0
  for (let i = runs.length - 1; i >= 0; i--) {
    const run = runs[i]!
    if (!run.success) break
    count++
    const before = runs[i - 1]
    if (!before) break
    const dueAfterBefore = nextDue(before.started_at)
    if (dueAfterBefore !== null && run.started_at > dueAfterBefore + GRACE_MS) break
  }
  return { count, overdue, due }
}
