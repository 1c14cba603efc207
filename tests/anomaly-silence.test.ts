import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { detectAnomalies, seriesWithBaseline } from '../analyzer/anomaly/index.ts'
import type { Finding } from '../analyzer/detectors/types.ts'
import type { Store } from '../core/store/index.ts'
import type { FaultSpec } from '../simulator/index.ts'
import { testConfig } from './helpers/config.ts'
import { simulateIntoStore } from './helpers/simulation.ts'

const HOUR = 3_600_000
const DAY = 24 * HOUR
/** Monday 2 March 2026, China time: an ordinary week, clear of the platform festivals. */
const FROM = Date.parse('2026-03-02T00:00:00+08:00')
const at = (day: number, hour: number) => FROM + day * DAY + hour * HOUR

/**
 * A history with outages and surges in it — a JD import stopped for half a
 * day, Taobao throttled and Douyin surging through the evening peak — then a
 * day of baseline traffic with no fault at all. Every alarm on that day is a
 * false positive, including any the history's outages would provoke if they
 * moved the baseline.
 */
const HISTORY_FAULTS: FaultSpec[] = [
  { scenario: 'stopped_job', start: at(2, 0), durationMs: 12 * HOUR, intensity: 1, scope: { job: 'jd_order_import' } },
  { scenario: 'throttling', start: at(3, 19), durationMs: 3 * HOUR, intensity: 0.6, scope: { target_system: 'taobao_api' } },
  { scenario: 'traffic_surge', start: at(4, 20), durationMs: 2 * HOUR, intensity: 1, scope: { channel: 'douyin' } },
]

describe('anomaly detection on a day of baseline traffic', () => {
  let store: Store

  beforeAll(async () => {
    store = (await simulateIntoStore(testConfig(), { seed: 77, from: FROM, to: at(8, 0), ordersPerDay: 4000, faults: HISTORY_FAULTS })).store
  }, 120_000)
  afterAll(async () => {
    await store?.close()
  })

  it('evaluated every hour for a day, raises at most one false alarm (printed)', async () => {
    const distinct = new Map<string, Finding>()
    let seconds = 0
    for (let hour = 1; hour <= 24; hour++) {
      const pass = await detectAnomalies({ store, at: at(7, hour), lookbackMs: HOUR })
      seconds += pass.seconds
      // A week of history is enough for every count; only a rate too sparse to have a share (a handful of
      // self-service look-ups a day on the manual channel) may go unjudged.
      expect(pass.insufficient_history.filter((k) => !k.series.endsWith('_success'))).toEqual([])
      for (const f of pass.findings) distinct.set(`${f.pattern} ${JSON.stringify(f.scope)} ${f.first_seen}`, f)
    }
    const falsePositives = [...distinct.values()]
    console.log(`false positives on a day of baseline traffic (24 hourly passes): ${falsePositives.length}; mean pass ${(seconds / 24).toFixed(3)} s`)
    for (const f of falsePositives) console.log(`  ${f.pattern} ${f.summary}`)
    expect(falsePositives.length).toBeLessThanOrEqual(1)
  })

  it('keeps the surge of day 4 out of the evening baseline (a mean would sit ~40% high)', async () => {
    const evening = (day: number) => ({ from: at(day, 20), to: at(day, 22) })
    const chart = await seriesWithBaseline({ store, series: 'channel_orders', key: 'channel=douyin', ...evening(7) })
    const expected = chart!.points.reduce((a, p) => a + p.expected!, 0)
    const [normal] = await store.query<{ n: string }>(
      "SELECT count() / 3 AS n FROM order_events WHERE channel = 'douyin' AND system = 'channel' AND state = 'created' AND toHour(event_time) IN (12, 13) AND toDate(event_time) IN {days:Array(Date)}",
      { days: [5, 6, 3].map((d) => new Date(at(d, 20)).toISOString().slice(0, 10)) },
    )
    console.log(`douyin 20:00–22:00 expected ${expected.toFixed(1)} against ${Number(normal!.n).toFixed(1)} on an ordinary evening`)
    expect(expected / Number(normal!.n)).toBeLessThan(1.2)
    expect(expected / Number(normal!.n)).toBeGreaterThan(0.8)
  })
})
