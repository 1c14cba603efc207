import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Store } from '../core/store/index.ts'
import { findingsOverDay } from '../testkit/detection.ts'
import { testConfig } from './helpers/config.ts'
import { simulateIntoStore } from './helpers/simulation.ts'

const HOUR = 3_600_000
// A Wednesday and Thursday without promotions or faults: day 0 is the history, day 1 is judged.
const FROM = Date.parse('2026-03-11T00:00:00+08:00')

describe('detectors on a day of baseline traffic', () => {
  let store: Store

  beforeAll(async () => {
    ;({ store } = await simulateIntoStore(testConfig(), { seed: 77, from: FROM, to: FROM + 48 * HOUR, ordersPerDay: 6000 }))
  })
  afterAll(async () => {
    await store?.close()
  })

  it('stay silent through the day, every pass every half hour', async () => {
    const found = await findingsOverDay(store, FROM + 24 * HOUR, FROM + 48 * HOUR, HOUR / 2)
    console.info(`[baseline] ${found.length} false positives in 48 passes over one day`)
    expect(found.map(({ at, finding }) => `${new Date(at).toISOString()} ${finding.pattern} ${JSON.stringify(finding.scope)}: ${finding.summary}`)).toEqual([])
  })

  it('still see the ordinary failures a healthy day has (so silence is not blindness)', async () => {
    const [calls] = await store.query<{ failed: string; retried: string }>(
      `SELECT countIf(http_status >= 500) AS failed, countIf(retry_attempt > 0) AS retried FROM interface_calls WHERE ts >= {from:DateTime64(3)}`,
      { from: new Date(FROM + 24 * HOUR).toISOString().replace('T', ' ').replace('Z', '') },
    )
    expect(Number(calls!.failed)).toBeGreaterThan(50)
    expect(Number(calls!.retried)).toBeGreaterThan(50)
  })
})
