import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Store } from '../core/store/index.ts'
import { CLOSED_AFTER_MS, dailyConsistencyReport } from '../analyzer/report/closed-days.ts'
import { chinaDay, consistencyReport } from '../analyzer/report/consistency.ts'
import { testConfig } from './helpers/config.ts'
import { simulateIntoStore } from './helpers/simulation.ts'

const HOUR = 3_600_000
const DAY = 24 * HOUR
const FROM = Date.parse('2026-11-05T00:00:00+08:00')
const DAY0 = '2026-11-05'
const DAY1 = '2026-11-06'
const param = (ms: number) => new Date(ms).toISOString().replace('T', ' ').replace('Z', '')

describe('the daily consistency report of a closed day, kept', () => {
  let store: Store
  let n = 0
  /** A new order created on Tmall at `at`: the report's channel orders of that day count it. Its own dedup token: without one, the store took the second such one-row insert for a repeat. */
  const createOrder = (at: number) => {
    const id = `cache-test-${++n}`
    return store.insertRows('order_events', ['event_id', 'order_id', 'channel', 'system', 'state', 'event_time', 'ingested_at'], JSON.stringify([id, `o-${id}`, 'tmall', 'channel', 'created', param(at), param(at)]) + '\n', id)
  }

  beforeAll(async () => {
    // The stored events reach 3 h into DAY1: DAY0 is closed by the data, DAY1 is not.
    store = (await simulateIntoStore(testConfig(), { seed: 7, from: FROM, to: FROM + DAY + 3 * HOUR, ordersPerDay: 600 })).store
  }, 60_000)
  afterAll(async () => {
    await store?.close()
  })

  it('computes a closed day once: an event stored later for it shows only in a live report', async () => {
    const now = chinaDay(DAY0).to + CLOSED_AFTER_MS + HOUR
    const first = await dailyConsistencyReport(store, DAY0, now)
    expect(first.total.channel_orders).toBeGreaterThan(100)
    await createOrder(FROM + 12 * HOUR)
    expect((await consistencyReport(store, DAY0)).total.channel_orders).toBe(first.total.channel_orders + 1)
    expect(await dailyConsistencyReport(store, DAY0, now)).toEqual(first)
  })

  it('computes live a day not closed by the clock, or not by the stored events', async () => {
    const date = '2026-11-04'
    // The day before the data: over by the data, but by the clock only an hour ago.
    const early = chinaDay(date).to + HOUR
    const before = await dailyConsistencyReport(store, date, early)
    await createOrder(FROM - 6 * HOUR)
    expect((await dailyConsistencyReport(store, date, early)).total.channel_orders).toBe(before.total.channel_orders + 1)

    // DAY1 ended long ago by the clock, but the stored events stop 3 h into it (a replay still running).
    const late = chinaDay(DAY1).to + 30 * DAY
    const open = await dailyConsistencyReport(store, DAY1, late)
    await createOrder(FROM + DAY + HOUR)
    expect((await dailyConsistencyReport(store, DAY1, late)).total.channel_orders).toBe(open.total.channel_orders + 1)
  })
})
