import { readFileSync, readdirSync } from 'node:fs'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { httpSink, ndjsonSink, simulate } from '../simulator/index.ts'
import { startTestApp, type TestApp } from './helpers/app.ts'
import { TOKENS, tempDir, testConfig } from './helpers/config.ts'

const HOUR = 3_600_000

describe('simulator modes', () => {
  let t: TestApp
  let url: string
  beforeAll(async () => {
    t = await startTestApp(testConfig())
    url = await t.app.listen({ port: 0, host: '127.0.0.1' })
  })
  afterAll(async () => {
    await t.close()
  })

  it('streams to a collector over HTTP, paced (accelerated), and every event is accepted', async () => {
    // The last China-time 10:00 that is over 20 minutes past: the company is busy then. Twenty minutes of the
    // night (the 'now' of a test run at 04:00 in China) hold too few orders for the checks below.
    const tenAm = Date.parse(`${new Date(Date.now() + 8 * HOUR).toISOString().slice(0, 10)}T10:00:00+08:00`)
    const from = tenAm + 20 * 60_000 <= Date.now() ? tenAm : tenAm - 24 * HOUR
    const started = performance.now()
    // 20 simulated minutes at 600× take about two seconds of wall time.
    const result = await simulate({ seed: 3, from, to: from + 20 * 60_000, company: { ordersPerDay: 20_000 }, sink: httpSink(url, TOKENS.wms), pace: 600 })
    const elapsed = performance.now() - started
    expect(elapsed).toBeGreaterThan(1_500) // paced, not as fast as possible
    await t.flush()
    const [stored] = await t.store.query<{ n: string }>("SELECT count() AS n FROM order_events WHERE source = 'wms'")
    expect(Number(stored!.n)).toBe(result.events.orders)
    expect(result.events.orders).toBeGreaterThan(100)
  })

  it('writes NDJSON files, one per kind, that the collector takes as they are', async () => {
    const dir = tempDir('orderlens-ndjson-')
    const sink = ndjsonSink(dir)
    const from = Date.parse('2026-11-03T08:00:00+08:00')
    const result = await simulate({ seed: 4, from, to: from + HOUR, company: { ordersPerDay: 10_000 }, sink })
    await sink.close()
    expect(readdirSync(dir).sort()).toEqual(['calls.ndjson', 'jobs.ndjson', 'orders.ndjson', 'queries.ndjson', 'queues.ndjson'].filter((f) => result.events[f.replace('.ndjson', '') as keyof typeof result.events] > 0))
    const orders = readFileSync(path.join(dir, 'orders.ndjson'))
    expect(orders.toString().trim().split('\n')).toHaveLength(result.events.orders)
    const res = await t.ingest('orders', orders)
    expect(res.body).toMatchObject({ accepted: result.events.orders, rejected: 0 })
  })
})
