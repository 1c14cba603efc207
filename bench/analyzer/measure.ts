import type { Store } from '../../core/store/index.ts'

/** Wall-clock milliseconds of each of `runs` calls; the first one runs cold. */
export async function timeRuns(runs: number, fn: () => Promise<unknown>): Promise<number[]> {
  return (await timeRunsWithCpu(runs, fn)).wall
}

/**
 * Wall-clock and CPU milliseconds of each call. The embedded engine runs in
 * this process, so its CPU time is here too: a figure that other programs on
 * a shared machine slow down far less than the wall clock.
 */
export async function timeRunsWithCpu(runs: number, fn: () => Promise<unknown>): Promise<{ wall: number[]; cpu: number[] }> {
  const wall: number[] = []
  const cpu: number[] = []
  for (let i = 0; i < runs; i++) {
    const t = performance.now()
    const c = process.cpuUsage()
    await fn()
    const used = process.cpuUsage(c)
    wall.push(performance.now() - t)
    cpu.push((used.user + used.system) / 1000)
  }
  return { wall, cpu }
}

export const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b)
  return s[Math.floor(s.length / 2)]!
}

export const round = (x: number, digits = 1) => Number(x.toFixed(digits))

/** Keys of a few orders of the measured day that every trace key can find (order id, channel order no, tracking no). */
export async function sampleTraceKeys(store: Store, from: number, to: number, count: number): Promise<{ order_id: string; channel_order_no: string; tracking_no: string }[]> {
  // Aliases differ from the columns: ClickHouse would otherwise read the aggregate into WHERE.
  const rows = await store.query<{ order_id: string; cno: string; tno: string }>(
    `SELECT order_id, any(channel_order_no) AS cno, anyIf(tracking_no, tracking_no != '') AS tno
     FROM order_events
     WHERE event_time >= {from:DateTime64(3)} AND event_time < {to:DateTime64(3)} AND system = 'tms' AND tracking_no != ''
     GROUP BY order_id ORDER BY cityHash64(order_id) LIMIT {count:UInt32}`,
    { from: param(from), to: param(to), count },
  )
  return rows.map((r) => ({ order_id: r.order_id, channel_order_no: r.cno, tracking_no: r.tno }))
}

export const param = (ms: number) => new Date(ms).toISOString().replace('T', ' ').replace('Z', '')
