import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { FastifyInstance } from 'fastify'
import type { Store } from '../core/store/index.ts'
import type { AttributionResult } from '../analyzer/attribution/answers.ts'
import type { KpiSeriesAnswer, KpiSetAnswer, KpiTrendsAnswer } from '../analyzer/kpis/answers.ts'
import { KPI_ATTRIBUTION } from '../console/src/cockpit/constants.ts'
import { buildApp } from '../server/app.ts'
import { testConfig } from './helpers/config.ts'
import { simulateIntoStore } from './helpers/simulation.ts'

const HOUR = 3_600_000
const FROM = Date.parse('2026-11-02T00:00:00+08:00')

describe("the cockpit's API: /api/v1/kpis/trends, drill-down dimensions, attribution of the KPIs", () => {
  let app: FastifyInstance
  let store: Store
  const window = { from: new Date(FROM + 6 * HOUR).toISOString(), to: new Date(FROM + 30 * HOUR).toISOString() }
  const get = async <T>(url: string, query: Record<string, string | string[]>) => {
    const res = await app.inject({ url, query })
    return { status: res.statusCode, body: res.json() as T }
  }

  beforeAll(async () => {
    const config = testConfig()
    const run = await simulateIntoStore(config, {
      seed: 41,
      from: FROM,
      to: FROM + 32 * HOUR,
      ordersPerDay: 1500,
      faults: [{ scenario: 'queue_backlog', start: FROM + 20 * HOUR, durationMs: 4 * HOUR, intensity: 1, scope: { warehouse: 'wh-hangzhou' } }],
    })
    store = run.store
    app = await buildApp({ config, store })
    await app.ready()
  })
  afterAll(async () => {
    await app?.close()
    await store?.close()
  })

  it('gives every KPI bucket by bucket with the same values as its own series (shared scans and single queries alike)', async () => {
    const { status, body } = await get<KpiTrendsAnswer>('/api/v1/kpis/trends', { ...window, bucket: '3h' })
    expect(status).toBe(200)
    expect(body.trends.length).toBeGreaterThanOrEqual(14)
    for (const kpi of ['call_success_rate', 'order_to_warehouse_minutes', 'status_consistency', 'delayed_orders', 'modification_audit_completeness']) {
      const trend = body.trends.find((t) => t.kpi === kpi)!
      const series = (await get<KpiSeriesAnswer>('/api/v1/kpis/series', { ...window, kpi, bucket: '3h' })).body.series[0]!.points
      expect(trend.points.map((p) => p.t)).toEqual(series.map((p) => p.t))
      trend.points.forEach((p, i) => {
        expect(p.n, `${kpi} bucket ${p.t}`).toBe(series[i]!.n)
        if (series[i]!.value === null) expect(p.value).toBeNull()
        else expect(p.value!).toBeCloseTo(series[i]!.value!, 9)
      })
    }
    // The backlog shows: some bucket of payment-to-warehouse has a value, i.e. the trend is real data, not empty axes.
    expect(body.trends.find((t) => t.kpi === 'order_to_warehouse_minutes')!.points.some((p) => p.value !== null && p.n > 0)).toBe(true)
  })

  it('answers only the KPIs asked for, in catalogue order, and refuses a bad window or too many buckets naming the field', async () => {
    const some = await get<KpiTrendsAnswer>('/api/v1/kpis/trends', { ...window, bucket: '1h', kpi: ['delayed_orders', 'call_success_rate'] })
    expect(some.body.trends.map((t) => t.kpi)).toEqual(['call_success_rate', 'delayed_orders'])
    expect(some.body.trends[0]!.points).toHaveLength(24)

    const tooMany = await get<{ message: string }>('/api/v1/kpis/trends', { from: window.from, to: new Date(FROM + 30 * 24 * HOUR).toISOString(), bucket: '1m' })
    expect(tooMany.status).toBe(400)
    expect(tooMany.body.message).toMatch(/^querystring\/bucket/)
    const backwards = await get<{ message: string }>('/api/v1/kpis/trends', { from: window.to, to: window.from })
    expect(backwards.status).toBe(400)
    expect(backwards.body.message).toMatch(/^querystring\/to/)
    const unknown = await get<{ message: string }>('/api/v1/kpis/trends', { ...window, kpi: 'no_such_kpi' })
    expect(unknown.status).toBe(400)
  })

  it('says which dimensions each KPI drills down by, matching the breakdowns it gives', async () => {
    const { body } = await get<KpiSetAnswer>('/api/v1/kpis', { ...window, dimension: 'warehouse' })
    const byId = Object.fromEntries(body.kpis.map((k) => [k.id, k]))
    expect(byId.self_service_query_success!.dimensions).toEqual(['channel'])
    expect(byId.call_success_rate!.dimensions).toContain('endpoint')
    expect(byId.order_to_warehouse_minutes!.dimensions).toEqual(['channel', 'department', 'warehouse', 'region'])
    for (const k of body.kpis) expect(k.breakdown !== undefined, k.id).toBe(k.dimensions.includes('warehouse'))
  })

  it('gives the cards and their sparklines in one request (trend=1h): the values of /kpis, the points of /kpis/series', async () => {
    const plain = (await get<KpiSetAnswer>('/api/v1/kpis', window)).body
    const { status, body } = await get<KpiSetAnswer>('/api/v1/kpis', { ...window, trend: '1h' })
    expect(status).toBe(200)
    expect(body.kpis.map((k) => k.id)).toEqual(plain.kpis.map((k) => k.id))
    for (const k of body.kpis) {
      const alone = plain.kpis.find((p) => p.id === k.id)!
      expect([k.value, k.n, k.previous, k.status], k.id).toEqual([alone.value, alone.n, alone.previous, alone.status])
      expect(alone.points, k.id).toBeUndefined()
      const series = (await get<KpiSeriesAnswer>('/api/v1/kpis/series', { ...window, kpi: k.id, bucket: '1h' })).body.series[0]?.points ?? []
      expect(k.points!.map((p) => p.t), k.id).toEqual(series.map((p) => p.t))
      k.points!.forEach((p, i) => {
        expect(p.n, `${k.id} bucket ${p.t}`).toBe(series[i]!.n)
        if (series[i]!.value === null) expect(p.value).toBeNull()
        else expect(p.value!, `${k.id} bucket ${p.t}`).toBeCloseTo(series[i]!.value!, 9)
      })
      // Every row behind the card lies in exactly one hour of the window, also an order with events in the previous period too.
      expect(k.points!.reduce((sum, p) => sum + p.n, 0), k.id).toBe(k.n)
    }
    expect(body.kpis.find((k) => k.id === 'status_consistency')!.points!.filter((p) => p.value !== null).length).toBeGreaterThan(12)

    const tooMany = await get<{ message: string }>('/api/v1/kpis', { from: window.from, to: new Date(FROM + 30 * 24 * HOUR).toISOString(), trend: '1m' })
    expect(tooMany.status).toBe(400)
    expect(tooMany.body.message).toMatch(/^querystring\/trend/)
    expect((await get<{ message: string }>('/api/v1/kpis', { ...window, trend: '2h' })).status).toBe(400)
  })

  it('gives a drill-down without the totals it does not need (totals=false): the same breakdown, the whole left empty', async () => {
    const asked = { ...window, dimension: 'warehouse', kpi: ['order_to_warehouse_minutes', 'status_consistency'] }
    const full = (await get<KpiSetAnswer>('/api/v1/kpis', asked)).body
    const { status, body } = await get<KpiSetAnswer>('/api/v1/kpis', { ...asked, totals: 'false' })
    expect(status).toBe(200)
    for (const k of body.kpis) {
      expect(k.breakdown!.length, k.id).toBeGreaterThan(1)
      expect(k.breakdown, k.id).toEqual(full.kpis.find((f) => f.id === k.id)!.breakdown)
      expect([k.value, k.n, k.previous, k.status]).toEqual([null, 0, null, 'no_data'])
    }
    expect(full.kpis.every((k) => k.value !== null)).toBe(true)
    // Without a dimension there is nothing but the totals: totals=false is ignored.
    expect((await get<KpiSetAnswer>('/api/v1/kpis', { ...window, totals: 'false' })).body.kpis.some((k) => k.value !== null)).toBe(true)
  })

  it("gives each drill-down value's line in the breakdown's own scan (dimension + trend): the points of /kpis/series by that dimension", async () => {
    // A shared-source KPI (one scan with GROUPING SETS), one run as its own query and trend query, and one over the call rollup.
    for (const [kpi, dimension] of [['status_consistency', 'channel'], ['modification_audit_completeness', 'warehouse'], ['call_success_rate', 'endpoint']] as const) {
      const { status, body } = await get<KpiSetAnswer>('/api/v1/kpis', { ...window, dimension, kpi, totals: 'false', trend: '3h' })
      expect(status, JSON.stringify(body)).toBe(200)
      const breakdown = body.kpis[0]!.breakdown!
      expect(breakdown.length, kpi).toBeGreaterThan(1)
      // Every order and call of the simulation has its channel, warehouse and endpoint: no value may come out empty.
      expect(breakdown.map((b) => b.key), kpi).not.toContain('')
      const series = (await get<KpiSeriesAnswer>('/api/v1/kpis/series', { ...window, kpi, bucket: '3h', dimension })).body.series
      for (const value of breakdown) {
        const line = series.find((s) => s.key === value.key)!.points
        expect(value.points!.map((p) => [p.t, p.n]), `${kpi} ${value.key}`).toEqual(line.map((p) => [p.t, p.n]))
        value.points!.forEach((p, i) => (line[i]!.value === null ? expect(p.value).toBeNull() : expect(p.value!, `${kpi} ${value.key} ${p.t}`).toBeCloseTo(line[i]!.value!, 9)))
      }
    }
    // Without a trend the breakdown carries no points.
    expect((await get<KpiSetAnswer>('/api/v1/kpis', { ...window, dimension: 'channel', kpi: 'status_consistency', totals: 'false' })).body.kpis[0]!.breakdown![0]!.points).toBeUndefined()
  })

  it("gives the cards, their sparklines and a drill-down with each value's line in one request (dimension + trend + breakdown_trend), as the separate requests give them", async () => {
    const { status, body } = await get<KpiSetAnswer>('/api/v1/kpis', { ...window, dimension: 'channel', trend: '1h', breakdown_trend: '3h' })
    expect(status, JSON.stringify(body)).toBe(200)
    expect(body.dimension).toBe('channel')
    const cards = (await get<KpiSetAnswer>('/api/v1/kpis', { ...window, trend: '1h' })).body
    const drill = (await get<KpiSetAnswer>('/api/v1/kpis', { ...window, dimension: 'channel', totals: 'false', trend: '3h' })).body
    const close = (a: number | null, b: number | null, what: string) => (b === null ? expect(a, what).toBeNull() : expect(a!, what).toBeCloseTo(b, 9))
    for (const k of body.kpis) {
      const card = cards.kpis.find((c) => c.id === k.id)!
      expect([k.n, k.status, k.points!.map((p) => [p.t, p.n])], k.id).toEqual([card.n, card.status, card.points!.map((p) => [p.t, p.n])])
      close(k.value, card.value, k.id)
      close(k.previous, card.previous, k.id)
      k.points!.forEach((p, i) => close(p.value, card.points![i]!.value, `${k.id} ${p.t}`))
      const alone = drill.kpis.find((d) => d.id === k.id)!.breakdown
      if (!k.dimensions.includes('channel')) {
        expect(k.breakdown, k.id).toBeUndefined()
        continue
      }
      expect(k.breakdown!.map((v) => [v.key, v.n, v.status, v.points!.length]), k.id).toEqual(alone!.map((v) => [v.key, v.n, v.status, v.points!.length]))
      k.breakdown!.forEach((v, i) => {
        close(v.value, alone![i]!.value, `${k.id} ${v.key}`)
        close(v.previous ?? null, alone![i]!.previous ?? null, `${k.id} ${v.key} previous`)
        v.points!.forEach((p, j) => close(p.value, alone![i]!.points![j]!.value, `${k.id} ${v.key} ${p.t}`))
      })
    }
    // Each channel's line has the drill-down's 3 h points, the cards' sparklines the hourly ones.
    const status_consistency = body.kpis.find((k) => k.id === 'status_consistency')!
    expect(status_consistency.points).toHaveLength(24)
    expect(status_consistency.breakdown![0]!.points).toHaveLength(8)
    expect(status_consistency.breakdown!.length).toBeGreaterThan(3)

    const alone = await get<{ message: string }>('/api/v1/kpis', { ...window, trend: '1h', breakdown_trend: '3h' })
    expect(alone.status).toBe(400)
    expect(alone.body.message).toMatch(/^querystring\/breakdown_trend needs querystring\/dimension/)
  })

  it("explains each KPI the cockpit maps to an attribution metric from the same rows: the metric's total is the KPI's value", async () => {
    expect(Object.keys(KPI_ATTRIBUTION).sort()).toEqual(['call_success_rate', 'modification_audit_completeness', 'self_service_query_success'])
    const { body } = await get<KpiSetAnswer>('/api/v1/kpis', window)
    const baseline = { baseline_from: new Date(FROM).toISOString(), baseline_to: window.from }
    for (const [kpi, metric] of Object.entries(KPI_ATTRIBUTION)) {
      const value = body.kpis.find((k) => k.id === kpi)!.value
      expect(value, kpi).not.toBeNull()
      const res = await get<AttributionResult>('/api/v1/attribution', { metric, ...window, ...baseline })
      expect(res.status, `${metric}: ${JSON.stringify(res.body)}`).toBe(200)
      expect(res.body.totals.actual, kpi).toBeCloseTo(value!, 3)
      expect(res.body.totals.actual_denominator, kpi).toBe(body.kpis.find((k) => k.id === kpi)!.n)
    }
  })
})
