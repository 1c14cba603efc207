import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { FastifyInstance } from 'fastify'
import type { Store } from '../core/store/index.ts'
import { buildApp } from '../server/app.ts'
import type { TruthLabel } from '../simulator/index.ts'
import { testConfig } from './helpers/config.ts'
import { num, one, simulateIntoStore } from './helpers/simulation.ts'

const HOUR = 3_600_000
const DAY = 24 * HOUR
const FROM = Date.parse('2026-11-09T00:00:00+08:00')
const day = (n: number) => ({ from: new Date(FROM + n * DAY).toISOString(), to: new Date(FROM + (n + 1) * DAY).toISOString() })
const param = (ms: number) => new Date(ms).toISOString().replace('T', ' ').replace('Z', '')

interface Kpi { id: string; value: number | null; n: number; status: string; previous: number | null; breakdown?: { key: string; value: number; n: number }[] }

/** Every event of the orders the channel reports paid in [from, to), for computing KPIs independently of their SQL. */
async function paidOrderEvents(store: Store, from: number, to: number) {
  const rows = await store.query<{ order_id: string; system: string; state: string; t: string }>(
    `SELECT order_id, system, state, toUnixTimestamp64Milli(event_time) AS t FROM order_events
     WHERE order_id IN (SELECT order_id FROM order_events WHERE system = 'channel' AND state IN ('paid', 'balance_paid')
                        AND event_time >= {from:DateTime64(3)} AND event_time < {to:DateTime64(3)})`,
    { from: param(from), to: param(to) },
  )
  const { newest } = await one<{ newest: string }>(store, 'SELECT toUnixTimestamp64Milli(max(event_time)) AS newest FROM order_events')
  const orders = new Map<string, { system: string; state: string; t: number }[]>()
  for (const r of rows) orders.set(r.order_id, [...(orders.get(r.order_id) ?? []), { system: r.system, state: r.state, t: num(r.t) }])
  return { orders: [...orders.values()], horizon: Math.min(Date.now(), num(newest)) }
}

const first = (events: { system: string; state: string; t: number }[], pick: (e: { system: string; state: string }) => boolean) => {
  const ts = events.filter(pick).map((e) => e.t)
  return ts.length ? Math.min(...ts) : undefined
}

describe('delayed orders, exception ratio, call latency and attribution accuracy', () => {
  let app: FastifyInstance
  let store: Store
  let truth: TruthLabel[]
  const get = async (url: string, query: Record<string, string | string[]>) => {
    const res = await app.inject({ url, query })
    expect(res.statusCode, res.body).toBe(200)
    return res.json()
  }
  const kpis = async (query: Record<string, string | string[]>) => Object.fromEntries(((await get('/api/v1/kpis', query)).kpis as Kpi[]).map((k) => [k.id, k])) as Record<string, Kpi>

  beforeAll(async () => {
    const config = testConfig()
    // Day 0 is baseline. On day 1, ZTO parcels picked up 08:00–12:00 get no courier scan for 36 h+,
    // and the JD API throttles 13:00–15:00. The tail lets the 36-hour promise fall due.
    const run = await simulateIntoStore(config, {
      seed: 77,
      from: FROM,
      to: FROM + 3 * DAY + 6 * HOUR,
      ordersPerDay: 2000,
      faults: [
        { scenario: 'stalled_tracking', start: FROM + DAY + 8 * HOUR, durationMs: 4 * HOUR, intensity: 1, scope: { carrier: 'zto' } },
        { scenario: 'throttling', start: FROM + DAY + 13 * HOUR, durationMs: 2 * HOUR, intensity: 0.6, scope: { target_system: 'jd_api' } },
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

  it('counts delayed orders as an independent reading of the events does', async () => {
    const { orders, horizon } = await paidOrderEvents(store, FROM + DAY, FROM + 2 * DAY)
    let delayed = 0
    for (const events of orders) {
      if (events.some((e) => e.state === 'cancelled')) continue
      const paid = first(events, (e) => e.system === 'channel' && (e.state === 'paid' || e.state === 'balance_paid'))!
      const wms = first(events, (e) => e.system === 'wms' && e.state === 'allocated')
      const pick = first(events, (e) => e.system === 'tms' && e.state === 'picked_up')
      const scan = first(events, (e) => e.system === 'tms' && (e.state === 'in_transit' || e.state === 'delivered'))
      const late = (done: number | undefined, start: number, limitH: number) => (done ?? horizon) - start > limitH * HOUR
      if (late(wms, paid, 2) || late(pick, paid, 24) || (pick !== undefined && late(scan, pick, 36))) delayed++
    }
    const k = await kpis({ ...day(1), kpi: 'delayed_orders' })
    expect(k.delayed_orders!.value).toBe(delayed)
  })

  it('raises delayed orders on the day parcels stall, by about the stalled orders', async () => {
    const k = await kpis({ ...day(1), kpi: ['delayed_orders'] })
    const stalled = truth.find((t) => t.scenario === 'stalled_tracking')!.affected_orders.length
    expect(stalled).toBeGreaterThan(20)
    expect(k.delayed_orders!.previous).toBeLessThan(stalled * 0.2)
    expect(k.delayed_orders!.value! - k.delayed_orders!.previous!).toBeGreaterThan(stalled * 0.8)
    expect(k.delayed_orders!.status).not.toBe('healthy')
  })

  it('gives the exception ratio an independent reading gives', async () => {
    const { orders, horizon } = await paidOrderEvents(store, FROM, FROM + DAY)
    const exceptional = orders.filter((events) => {
      const paid = first(events, (e) => e.system === 'channel' && (e.state === 'paid' || e.state === 'balance_paid'))!
      const pick = first(events, (e) => e.system === 'tms' && e.state === 'picked_up')
      const branch = events.some((e) => ['cancelled', 'refund_requested', 'refunded', 'after_sales'].includes(e.state))
      return branch || (pick ?? horizon) - paid > 48 * HOUR
    }).length
    const k = await kpis({ ...day(0), kpi: 'exception_ratio' })
    expect(k.exception_ratio!.n).toBe(orders.length)
    expect(k.exception_ratio!.value).toBeCloseTo(exceptional / orders.length, 12)
    // The simulated company cancels, refunds and opens after-sales cases for ~8% of its orders.
    expect(k.exception_ratio!.value).toBeGreaterThan(0.04)
  })

  it('reads latency percentiles per endpoint from the t-digest rollup, close to the exact ones', async () => {
    const k = await kpis({ ...day(0), kpi: ['call_latency_p50_ms', 'call_latency_p95_ms'], dimension: 'endpoint' })
    const exact = await store.query<{ endpoint: string; p50: number; p95: number; n: string }>(
      `SELECT endpoint, quantileExact(0.5)(latency_ms) AS p50, quantileExact(0.95)(latency_ms) AS p95, count() AS n FROM interface_calls
       WHERE ts >= {from:DateTime64(3)} AND ts < {to:DateTime64(3)} GROUP BY endpoint HAVING n >= 500`,
      { from: param(FROM), to: param(FROM + DAY) },
    )
    expect(exact.length).toBeGreaterThanOrEqual(5)
    for (const e of exact) {
      const p50 = k.call_latency_p50_ms!.breakdown!.find((b) => b.key === e.endpoint)!
      const p95 = k.call_latency_p95_ms!.breakdown!.find((b) => b.key === e.endpoint)!
      expect(p50.n).toBe(num(e.n))
      expect(Math.abs(p50.value - e.p50) / e.p50).toBeLessThan(0.05)
      expect(Math.abs(p95.value - e.p95) / e.p95).toBeLessThan(0.1)
    }
    expect(k.call_latency_p95_ms!.value!).toBeGreaterThan(k.call_latency_p50_ms!.value!)
  })

  it('shows throttling as the JD API success rate falling in the hours it lasted', async () => {
    const k = await kpis({ ...day(1), kpi: 'call_success_rate', dimension: 'target_system' })
    const worst = [...k.call_success_rate!.breakdown!].sort((a, b) => a.value - b.value)[0]!
    expect(worst.key).toBe('jd_api')
    const body = await get('/api/v1/kpis/series', { kpi: 'call_success_rate', ...day(1), bucket: '1h', dimension: 'target_system' })
    const jd = body.series.find((s: { key: string }) => s.key === 'jd_api').points as { t: string; value: number }[]
    const dips = jd.filter((p) => p.value < 0.9).map((p) => p.t)
    expect(dips).toEqual([new Date(FROM + DAY + 13 * HOUR).toISOString(), new Date(FROM + DAY + 14 * HOUR).toISOString()])
  })

  it('buckets a series on China-local hours that add up to the whole window', async () => {
    for (const kpi of ['delayed_orders', 'call_success_rate', 'pickup_within_4h']) {
      const whole = (await kpis({ ...day(1), kpi }))[kpi]!
      const body = await get('/api/v1/kpis/series', { kpi, ...day(1), bucket: '1h' })
      const points = body.series[0].points as { t: string; value: number | null; n: number }[]
      expect(points.map((p) => p.t)).toEqual(Array.from({ length: 24 }, (_, h) => new Date(FROM + DAY + h * HOUR).toISOString()))
      expect(points.reduce((s, p) => s + p.n, 0)).toBe(whole.n)
      if (kpi === 'delayed_orders') expect(points.reduce((s, p) => s + (p.value ?? 0), 0)).toBe(whole.value)
      else expect(points.reduce((s, p) => s + (p.value ?? 0) * p.n, 0) / whole.n).toBeCloseTo(whole.value!, 9)
    }
    const daily = await get('/api/v1/kpis/series', { kpi: 'exception_ratio', from: day(0).from, to: day(1).to, bucket: '1d' })
    const k = await kpis({ ...day(1), kpi: 'exception_ratio' })
    expect(daily.series[0].points.map((p: { value: number }) => p.value)).toEqual([k.exception_ratio!.previous, k.exception_ratio!.value])
  })

  it('measures attribution accuracy from the latest verdict on each finding, no_data before any', async () => {
    expect((await kpis({ ...day(1), kpi: 'attribution_accuracy' })).attribution_accuracy!.status).toBe('no_data')
    const verdict = (finding: string, pattern: string, v: string, at: number) =>
      store.command(
        `INSERT INTO finding_verdicts (finding_id, pattern, finding_at, verdict, reviewer, reviewed_at, note)
         VALUES ({f:String}, {p:String}, {fa:DateTime64(3)}, {v:String}, 'lead-1', {at:DateTime64(3)}, '')`,
        { f: finding, p: pattern, fa: param(FROM + DAY + 10 * HOUR), v, at: param(at) },
      )
    await verdict('f1', 'throttling', 'correct', FROM + 2 * DAY)
    await verdict('f2', 'throttling', 'incorrect', FROM + 2 * DAY)
    await verdict('f3', 'stalled_tracking', 'correct', FROM + 2 * DAY)
    await verdict('f4', 'stalled_tracking', 'incorrect', FROM + 2 * DAY)
    // A second look at f4 overturns the first verdict; an older verdict on f1 never counts.
    await verdict('f4', 'stalled_tracking', 'correct', FROM + 2 * DAY + HOUR)
    await verdict('f1', 'throttling', 'incorrect', FROM + DAY + 20 * HOUR)
    const k = (await kpis({ ...day(1), kpi: 'attribution_accuracy', dimension: 'pattern' })).attribution_accuracy!
    expect(k).toMatchObject({ value: 0.75, n: 4, status: 'warning' })
    expect(Object.fromEntries(k.breakdown!.map((b) => [b.key, b.value]))).toEqual({ throttling: 0.5, stalled_tracking: 1 })
  })

  it('rejects bad series requests with a 400 naming the field', async () => {
    const cases: [Record<string, string>, RegExp][] = [
      [{ ...day(1), bucket: '1h' }, /kpi/],
      [{ kpi: 'no_such_kpi', ...day(1) }, /kpi/],
      [{ kpi: 'delayed_orders', ...day(1), bucket: '7m' }, /bucket/],
      [{ kpi: 'delayed_orders', from: day(0).from, to: new Date(FROM + 30 * DAY).toISOString(), bucket: '1m' }, /bucket.*more than 1000/],
      [{ kpi: 'delayed_orders', ...day(1), dimension: 'endpoint' }, /dimension/],
      [{ kpi: 'delayed_orders', from: day(1).to, to: day(1).from }, /to/],
      [{ kpi: 'delayed_orders', from: 'yesterday', to: day(1).to }, /from/],
    ]
    for (const [query, field] of cases) {
      const res = await app.inject({ url: '/api/v1/kpis/series', query })
      expect(res.statusCode, JSON.stringify(query)).toBe(400)
      expect(res.json().message).toMatch(field)
    }
    const unknownKpi = await app.inject({ url: '/api/v1/kpis', query: { ...day(1), kpi: 'no_such_kpi' } })
    expect(unknownKpi.statusCode).toBe(400)
    expect(unknownKpi.json().message).toMatch(/kpi/)
  })
})
