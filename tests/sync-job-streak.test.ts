import { describe, expect, it } from 'vitest'
import { dueClock, GRACE_MS, streak, type Run } from '../analyzer/sync/job-streak.ts'

const MIN = 60_000
const T0 = Date.parse('2026-03-10T00:00:00Z')
/** Runs every 5 minutes from T0, a few seconds after each due time; `skip` leaves slots out, `fail` marks them failed. */
const runs = (n: number, { skip = [] as number[], fail = [] as number[] } = {}): Run[] =>
  Array.from({ length: n }, (_, i) => i)
    .filter((i) => !skip.includes(i))
    .map((i) => ({ started_at: T0 + i * 5 * MIN + 2_000, success: !fail.includes(i) }))

describe('a job’s streak of successful runs', () => {
  it('counts every run back to the first when none failed or was missed', () => {
    expect(streak(runs(10), '*/5 * * * *', T0 + 9 * 5 * MIN + MIN)).toEqual({ count: 10, overdue: false, due: T0 + 10 * 5 * MIN })
  })

  it('stops at a failed run and at a missed one', () => {
    expect(streak(runs(10, { fail: [6] }), '*/5 * * * *', T0 + 46 * MIN).count).toBe(3)
    // Slot 4 never ran: the streak is the runs after the gap.
    expect(streak(runs(10, { skip: [4] }), '*/5 * * * *', T0 + 46 * MIN).count).toBe(5)
  })

  it('is 0 once the due run is past its grace, not before', () => {
    const history = runs(10)
    const due = T0 + 10 * 5 * MIN
    expect(streak(history, '*/5 * * * *', due + GRACE_MS - 1).overdue).toBe(false)
    expect(streak(history, '*/5 * * * *', due + GRACE_MS + 1)).toEqual({ count: 0, overdue: true, due })
  })

  it('falls back to the usual interval when the schedule is missing or unreadable', () => {
    const interval = dueClock('not a cron', 5 * MIN)
    expect(interval(T0)).toBe(T0 + 5 * MIN)
    expect(dueClock('', null)(T0)).toBeNull()
    expect(streak(runs(10, { skip: [4] }), '', T0 + 46 * MIN).count).toBe(5)
    // A 15-minute cron job judged by its schedule, not by a 5-minute habit.
    expect(dueClock('*/15 * * * *', 5 * MIN)(T0 + 2_000)).toBe(T0 + 15 * MIN)
  })

  it('keeps each run’s due moment apart per schedule (they are remembered between requests)', () => {
    expect(dueClock('*/15 * * * *', null)(T0 + 2_000)).toBe(T0 + 15 * MIN)
    expect(dueClock('*/5 * * * *', null)(T0 + 2_000)).toBe(T0 + 5 * MIN)
    expect(dueClock('*/15 * * * *', null)(T0 + 2_000)).toBe(T0 + 15 * MIN)
  })
})
