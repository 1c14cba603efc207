import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { parse } from 'csv-parse/sync'
import type { FastifyInstance } from 'fastify'
import type { Store } from '../core/store/index.ts'
import { buildApp } from '../server/app.ts'
import type { TruthLabel } from '../simulator/index.ts'
import { testConfig } from './helpers/config.ts'
import { num, one, simulateIntoStore } from './helpers/simulation.ts'

const HOUR = 3_600_000
const DAY = 24 * HOUR
// China-time days: 2026-11-05 is a baseline day, on 2026-11-06 manual orders are keyed in again
// elsewhere and Douyin orders with rare characters fail to be written to OMS.
const FROM = Date.parse('2026-11-05T00:00:00+08:00')
const DAY0 = '2026-11-05'
const DAY1 = '2026-11-06'
const param = (ms: number) => new Date(ms).toISOString().replace('T', ' ').replace('Z', '')

type Row = { channel: string; channel_orders: number; landed: number; landing_success_rate: number; duplicate_rate: number; duplicate_records: number; created_records: number; net_orders: number; gross_orders: number; calls: number; timeouts: number; timeout_rate: number }

describe('daily cross-system consistency report', () => {
  let app: FastifyInstance
  let store: Store
  let truth: TruthLabel[]
  const report = async (date: string) => {
    const res = await app.inject({ url: '/api/v1/reports/consistency', query: { date } })
    expect(res.statusCode).toBe(200)
    return res.json() as { date: string; channels: Row[]; total: Row }
  }
  const channel = (body: { channels: Row[] }, id: string) => body.channels.find((c) => c.channel === id)!

  beforeAll(async () => {
    const config = testConfig()
    const run = await simulateIntoStore(config, {
      seed: 61,
      from: FROM,
      to: FROM + 2 * DAY + 6 * HOUR,
      ordersPerDay: 2500,
      faults: [
        { scenario: 'manual_duplicates', start: FROM + DAY, durationMs: DAY, intensity: 0.8, scope: { channel: 'manual' } },
        { scenario: 'encoding', start: FROM + DAY, durationMs: DAY, intensity: 1, scope: { channel: 'douyin' } },
      ],
    })
    store = run.store
    truth = run.result.truth
    app = await buildApp({ config, store })
    await app.ready()
  }, 120_000)
  afterAll(async () => {
    await app?.close()
    await store?.close()
  })

  it('counts net orders as the distinct orders each channel created that China day', async () => {
    const body = await report(DAY0)
    expect(body.date).toBe(DAY0)
    const rows = await store.query<{ channel: string; n: string }>(
      `SELECT channel, uniqExact(order_id) AS n FROM order_events WHERE system = 'channel' AND state = 'created'
       AND event_time >= {from:DateTime64(3)} AND event_time < {to:DateTime64(3)} GROUP BY channel`,
      { from: param(FROM), to: param(FROM + DAY) },
    )
    expect(rows.length).toBeGreaterThanOrEqual(8)
    for (const r of rows) expect(channel(body, r.channel).net_orders).toBe(num(r.n))
    expect(body.total.net_orders).toBe(rows.reduce((s, r) => s + num(r.n), 0))
  })

  it('shows a baseline day with every order landed and no duplicates', async () => {
    const body = await report(DAY0)
    for (const c of body.channels) {
      expect(c.landing_success_rate).toBe(1)
      expect(c.duplicate_records).toBe(0)
      expect(c.net_orders).toBe(c.gross_orders)
    }
  })

  it('raises the manual channel duplicate rate when orders are keyed in again, and only there', async () => {
    const [before, during] = [await report(DAY0), await report(DAY1)]
    const manual = channel(during, 'manual')
    const recreations = Number(truth.find((t) => t.scenario === 'manual_duplicates')!.effects.recreations)
    expect(channel(before, 'manual').duplicate_rate).toBe(0)
    expect(manual.duplicate_rate).toBeGreaterThan(0.3)
    // Every copy keyed in that day is one duplicate record (copies of late-evening orders may fall on the next day).
    expect(manual.duplicate_records).toBeLessThanOrEqual(recreations)
    expect(manual.duplicate_records).toBeGreaterThan(recreations * 0.85)
    // Mistyped copies are fingerprints of their own: more gross orders than net ones.
    expect(manual.gross_orders).toBeGreaterThan(manual.net_orders)
    for (const c of during.channels.filter((c) => c.channel !== 'manual')) expect(c.duplicate_rate).toBe(0)
  })

  it('lowers the Douyin landing rate by exactly the orders whose write to OMS failed', async () => {
    const body = await report(DAY1)
    const douyin = channel(body, 'douyin')
    const failed = truth.find((t) => t.scenario === 'encoding')!.affected_orders
    const { n } = await one<{ n: string }>(
      store,
      `SELECT uniqExact(order_id) AS n FROM order_events WHERE system = 'channel' AND state = 'created' AND channel = 'douyin'
       AND event_time >= {from:DateTime64(3)} AND event_time < {to:DateTime64(3)} AND order_id IN {failed:Array(String)}`,
      { from: param(FROM + DAY), to: param(FROM + 2 * DAY), failed },
    )
    expect(num(n)).toBeGreaterThan(1)
    expect(douyin.landed).toBe(douyin.channel_orders - num(n))
    expect(douyin.landing_success_rate).toBeLessThan(1)
    for (const c of body.channels.filter((c) => c.channel !== 'douyin')) expect(c.landing_success_rate).toBe(1)
  })

  it("counts a channel's timeouts as its calls answered 504", async () => {
    const body = await report(DAY0)
    const exact = await one<{ calls: string; timeouts: string }>(
      store,
      `SELECT count() AS calls, countIf(http_status = 504) AS timeouts FROM interface_calls
       WHERE channel = 'taobao' AND ts >= {from:DateTime64(3)} AND ts < {to:DateTime64(3)}`,
      { from: param(FROM), to: param(FROM + DAY) },
    )
    const taobao = channel(body, 'taobao')
    expect(num(exact.timeouts)).toBeGreaterThan(0)
    expect(taobao.timeouts).toBe(num(exact.timeouts))
    expect(taobao.timeout_rate).toBeCloseTo(num(exact.timeouts) / num(exact.calls), 12)
  })

  it('gives the same numbers as CSV, by format=csv or Accept: text/csv', async () => {
    const json = await report(DAY1)
    const byFormat = await app.inject({ url: '/api/v1/reports/consistency', query: { date: DAY1, format: 'csv' } })
    const byAccept = await app.inject({ url: '/api/v1/reports/consistency', query: { date: DAY1 }, headers: { accept: 'text/csv' } })
    expect(byFormat.headers['content-type']).toMatch(/^text\/csv/)
    expect(byAccept.body).toBe(byFormat.body)
    const rows = parse(byFormat.body, { columns: true, cast: (v, ctx) => (ctx.header || ctx.column === 'channel' ? v : v === '' ? null : Number(v)) }) as Row[]
    expect(rows.map((r) => r.channel)).toEqual([...json.channels.map((c) => c.channel), 'all'])
    rows.forEach((r, i) => expect(r).toEqual(i < json.channels.length ? json.channels[i] : json.total))
  })

  it('rejects a missing or malformed date, naming it', async () => {
    const queries: Record<string, string>[] = [{}, { date: '2026-13-01' }, { date: '06/11/2026' }, { date: DAY1, format: 'xml' }]
    for (const query of queries) {
      const res = await app.inject({ url: '/api/v1/reports/consistency', query })
      expect(res.statusCode).toBe(400)
      expect(res.json().message).toMatch('format' in query ? /format/ : /date/)
    }
  })
})
